/**
 * `degrees` and `radians` as Java's Math.toDegrees and Math.toRadians compute them: one multiplication by a constant
 * each, as Java 9 and later do (`90.radians()` is 1.5707963267948966, `6.283185307179586.degrees()` is 360). Shared
 * by the interpreter and emitted programs (imports nothing).
 */

const RADIANS_TO_DEGREES = 57.29577951308232;
const DEGREES_TO_RADIANS = 0.017453292519943295;

export function toDegrees(radians: number): number {
  return radians * RADIANS_TO_DEGREES;
}

export function toRadians(degrees: number): number {
  return degrees * DEGREES_TO_RADIANS;
}
