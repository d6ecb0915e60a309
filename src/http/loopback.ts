/** Whether a URL's host name is this machine (no Node.js modules: the linter, which the web playground bundles, uses it). */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
