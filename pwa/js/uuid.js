// Record ids made on the device, so a record can be re-sent any number of times and stored once.

/** A random RFC 4122 version-4 UUID (crypto.randomUUID where the browser has it). */
export function newId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  // Older Safari (before 15.4) lacks randomUUID but has getRandomValues.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
