// Loaded with `node --import`: prints every module URL the process resolves, one per line on stderr.
import { registerHooks } from 'node:module';

registerHooks({
  resolve: (specifier, context, nextResolve) => {
    const resolved = nextResolve(specifier, context);
    process.stderr.write(`import ${resolved.url}\n`);
    return resolved;
  },
});
