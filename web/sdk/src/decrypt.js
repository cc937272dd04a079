// GrowthBook's encrypted payloads, decrypted in the page: each truthy encrypted member
// ("<iv base64>.<ciphertext base64>", AES-CBC with PKCS#7) is decrypted with the page's
// WebCrypto exactly as GrowthBook's decrypt() does (atob, crypto.subtle, TextDecoder), parsed
// as JSON and put in its plain member; the result then goes to the core like any config
// (validated there). WebCrypto rather than the core's AES: it is GrowthBook's decrypt itself,
// faster on large payloads, and keeps AES out of the download (docs/sdk.md has the numbers).
// Where GrowthBook logs and carries on with the member missing, this throws, naming it.

// core/config/encrypted.h's kEncryptedMembers (GrowthBook's decryptPayload, in its order).
const ENCRYPTED = [
  ["encryptedFeatures", "features"],
  ["encryptedExperiments", "experiments"],
  ["encryptedSavedGroups", "savedGroups"],
  ["encryptedContextualBandits", "contextualBandits"],
];

/** @param {string} b */
const base64Bytes = (b) => Uint8Array.from(atob(b), (c) => c.charCodeAt(0));

// Whether the config text may have encrypted members (a quick look, no parsing): false means
// it has none and goes to the core as it is.
/** @param {string} text */
export const hasEncrypted = (text) => text.includes('"encrypted');

// The config text with its encrypted members decrypted (unchanged when it has none).
/**
 * @param {string} text
 * @param {string | undefined} key base64 AES key (createClient's decryptionKey)
 * @returns {Promise<string>}
 */
export async function decryptConfig(text, key) {
  if (!hasEncrypted(text)) return text;
  const config = JSON.parse(text);
  if (!config || typeof config !== "object" || !ENCRYPTED.some(([m]) => config[m])) return text;
  const names = ENCRYPTED.filter(([m]) => config[m]).map(([m]) => m).join(", ");
  if (key === undefined) throw new Error(`tailor: config: has ${names}, but createClient() was given no decryptionKey`);
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error("tailor: decrypting a config needs WebCrypto (crypto.subtle: a secure context, https or localhost)");
  let aes;
  try {
    aes = await subtle.importKey("raw", base64Bytes(key), { name: "AES-CBC" }, false, ["decrypt"]);
  } catch {
    throw new Error("tailor: decryptionKey is not base64 of a 16, 24 or 32-byte AES key (GrowthBook's SDK connection key)");
  }
  for (const [member, plain] of ENCRYPTED) {
    if (!config[member]) continue;
    let decrypted;
    try {
      const [iv, ciphertext] = config[member].split(".");
      decrypted = new TextDecoder().decode(await subtle.decrypt({ name: "AES-CBC", iv: base64Bytes(iv) }, aes, base64Bytes(ciphertext)));
    } catch {
      throw new Error(`tailor: config: ${member} does not decrypt with decryptionKey (a different key, or a corrupted value)`);
    }
    try {
      config[plain] = JSON.parse(decrypted);
    } catch (e) {
      throw new Error(`tailor: config: ${member} decrypts to text that is not JSON (${/** @type {Error} */ (e).message})`);
    }
    delete config[member];
  }
  return JSON.stringify(config);
}
