/**
 * What a response's content type says of its body, for `deluge run` and emitted TypeScript programs alike (the
 * prelude generator copies this file's declarations into programs: it imports nothing).
 */

/**
 * A content type that is not text (an image, a PDF, `application/octet-stream`): `invokeurl` gives such a body as a
 * FILE without `response-format: FILE`, as Zoho's Upload a Photo sample relies on (`photo = invokeurl [ url: "….jpg"
 * type: GET ]; photo.setParamName("file")`), as do public scripts attaching a downloaded PDF. Text, JSON, XML, forms,
 * scripts and a missing type stay text.
 */
export function isBinaryType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  // Almost every answer of a run: decided without taking the type apart.
  if (contentType.startsWith('application/json')) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === '' || type.startsWith('text/')) return false;
  return !/json|xml|javascript|ecmascript|x-www-form-urlencoded|yaml|csv|graphql|html/.test(type);
}
