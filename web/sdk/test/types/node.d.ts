// The one node API the SDK's sources use (src/wasm.js reads the module from a file: URL under
// node), declared here so the type check does not need @types/node.
declare module "node:fs/promises" {
  export function readFile(path: URL): Promise<Uint8Array<ArrayBuffer>>;
}
