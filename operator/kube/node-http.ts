// node:http without its ESM facade, for the reloader and the Kubernetes
// client it shares with the operator. `import ... from 'node:http'` builds a
// module namespace from every export, which evaluates the lazy WebSocket,
// CloseEvent and MessageEvent getters and so loads the bundled undici and
// http2: ~10 MB of RSS the reloader never uses
// (docs/adr/0011-reloader-memory.md). process.getBuiltinModule returns the
// plain exports object, as require() would. Types still come from
// `import type ... from 'node:http'`, which costs nothing at run time.
export const nodeHttp = process.getBuiltinModule('node:http');
