/**
 * Whether a container status's image is the image the spec asks for. The
 * runtime may report a normalized reference ("docker.io/library/nginx:latest"
 * for "nginx"), so both are normalized the way the Docker reference parser
 * fills in defaults before comparing. Digests compare as written.
 */
export function sameImage(status: string, spec: string): boolean {
  return status === spec || normalizeImage(status) === normalizeImage(spec);
}

export function normalizeImage(reference: string): string {
  let name = reference.trim();
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  if (!hasRegistry) name = `docker.io/${slash === -1 ? `library/${name}` : name}`;
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  if (!lastSegment.includes(':') && !lastSegment.includes('@')) name = `${name}:latest`;
  return name;
}
