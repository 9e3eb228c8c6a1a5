// A second mutating webhook for the reinvocation test, run as its own process
// (the jest process cannot answer HTTPS while it waits on kubectl):
//   node second-webhook.ts CERT_FILE KEY_FILE
// Adds a `helper` container and the annotation tandem.test/second-webhook to
// every pod that lacks them. Prints {"port":N} once listening, then one
// {"time":<ms>,"call":"<pod name or generateName>"} line per request.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

const SECOND_ANNOTATION = 'tandem.test/second-webhook';

interface Review {
  request: {
    uid: string;
    object: {
      metadata: { name?: string; generateName?: string; annotations?: Record<string, string> };
      spec: { containers: { name: string }[] };
    };
  };
}

function answer(review: Review): unknown {
  const object = review.request.object;
  const patch: unknown[] = [];
  if (!object.spec.containers.some((container) => container.name === 'helper')) {
    patch.push({ op: 'add', path: '/spec/containers/-', value: { name: 'helper', image: 'registry.example/helper:1' } });
  }
  if (object.metadata.annotations?.[SECOND_ANNOTATION] === undefined) {
    if (object.metadata.annotations === undefined) patch.push({ op: 'add', path: '/metadata/annotations', value: {} });
    patch.push({ op: 'add', path: `/metadata/annotations/${SECOND_ANNOTATION.replace('/', '~1')}`, value: 'called' });
  }
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    response: {
      uid: review.request.uid,
      allowed: true,
      ...(patch.length > 0 ? { patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify(patch)).toString('base64') } : {}),
    },
  };
}

const [certFile, keyFile] = process.argv.slice(2);
if (certFile === undefined || keyFile === undefined) {
  process.stderr.write('usage: second-webhook.ts CERT_FILE KEY_FILE\n');
  process.exit(2);
}
const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => (body += chunk));
  request.on('end', () => {
    const review = JSON.parse(body) as Review;
    const metadata = review.request.object.metadata;
    process.stdout.write(`${JSON.stringify({ time: Date.now(), call: metadata.name ?? metadata.generateName ?? '' })}\n`);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer(review)));
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
