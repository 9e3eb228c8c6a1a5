// The Envoy bootstrap the proxy example ships (deploy/examples/proxy-bootstrap.yaml),
// checked against Envoy's own v3 API: no Envoy binary runs on the test
// machine, so test/cluster/envoy-validate (go-control-plane, built from the
// module proxy by build.sh) parses it as Envoy would, refusing unknown
// fields, unknown extensions and values outside the API's rules.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { buildTestTool, repoRoot } from './cluster-env.ts';

const dir = mkdtempSync(join(tmpdir(), 'tandem-envoy-'));
let validator: string;

function envoyYaml(): string {
  const configMap = parse(readFileSync(join(repoRoot, 'deploy/examples/proxy-bootstrap.yaml'), 'utf8')) as { data: { 'envoy.yaml': string } };
  return configMap.data['envoy.yaml'];
}

function validate(text: string): { code: number | null; out: string } {
  const file = join(dir, `envoy-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  const result = spawnSync(validator, [file], { encoding: 'utf8' });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  validator = buildTestTool('envoy-validate');
}, 600_000);

describe('the proxy bootstrap', () => {
  it('is a valid Envoy v3 bootstrap', () => {
    expect(validate(envoyYaml())).toEqual({ code: 0, out: 'valid\n' });
  });

  it.each([
    ['a misspelt field', (text: string) => text.replace('stat_prefix: inbound_capture', 'stat_prefx: inbound_capture'), 'unknown field "stat_prefx"'],
    ['an unknown extension', (text: string) => text.replace('tcp_proxy.v3.TcpProxy', 'tcp_proxy.v3.TcpProxi'), 'TcpProxi'],
    ['a port out of range', (text: string) => text.replace('port_value: 15001', 'port_value: 150010'), 'PortValue: value must be less than or equal to 65535'],
  ])('is refused with %s (the check is real)', (_what, breakIt, message) => {
    const broken = breakIt(envoyYaml());
    expect(broken).not.toBe(envoyYaml());
    const result = validate(broken);
    expect(result.code).toBe(1);
    expect(result.out).toContain(message);
  });

  it('listens where the SidecarSet expects: probes on 15021, inbound on 15080, admin on loopback 9901', () => {
    const bootstrap = parse(envoyYaml()) as {
      admin: { address: { socket_address: { address: string; port_value: number } } };
      static_resources: { listeners: { name: string; address: { socket_address: { port_value: number } } }[] };
    };
    expect(bootstrap.admin.address.socket_address).toEqual({ address: '127.0.0.1', port_value: 9901 });
    const ports = Object.fromEntries(bootstrap.static_resources.listeners.map((listener) => [listener.name, listener.address.socket_address.port_value]));
    expect(ports).toEqual({ health: 15021, 'inbound-explicit': 15080, 'inbound-capture': 15006, 'outbound-capture': 15001 });
    const sets = parseAllDocuments(readFileSync(join(repoRoot, 'deploy/examples/proxy-sidecarset.yaml'), 'utf8')).map((document) => document.toJS() as { metadata: { name: string }; spec: Record<string, unknown> });
    const proxy = JSON.stringify(sets.find((set) => set.metadata.name === 'tandem-proxy')?.spec);
    expect(proxy).toContain('"startupProbe":{"httpGet":{"path":"/ready","port":15021}');
    expect(proxy).toContain('{"name":"proxy-inbound","containerPort":15080}');
    expect(proxy).toContain('/dev/tcp/127.0.0.1/9901');
    const capture = JSON.stringify(sets.find((set) => set.metadata.name === 'tandem-proxy-capture')?.spec);
    expect(capture).toContain('"-p","15001","-z","15006","-u","1337"');
  });

  it("marks the listeners the preStop drain must stop as INBOUND (drain_listeners?inboundonly stops those only)", () => {
    const bootstrap = parse(envoyYaml()) as { static_resources: { listeners: { name: string; traffic_direction?: string }[] } };
    const directions = Object.fromEntries(bootstrap.static_resources.listeners.map((listener) => [listener.name, listener.traffic_direction ?? 'UNSPECIFIED']));
    // health stays out of the drain: the kubelet's probes keep their answers while the pod stops.
    expect(directions).toEqual({ health: 'UNSPECIFIED', 'inbound-explicit': 'INBOUND', 'inbound-capture': 'INBOUND', 'outbound-capture': 'OUTBOUND' });
    const sets = readFileSync(join(repoRoot, 'deploy/examples/proxy-sidecarset.yaml'), 'utf8');
    expect(sets).toContain('POST /drain_listeners?graceful&inboundonly ');
  });

  it('is checked against the API of the Envoy release the example runs', () => {
    const api = /^ENVOY_API_VERSION=v(\d+\.\d+)\.\d+$/m.exec(readFileSync(join(repoRoot, 'test/cluster/versions.env'), 'utf8'))?.[1];
    const goMod = readFileSync(join(repoRoot, 'test/cluster/envoy-validate/go.mod'), 'utf8');
    expect(goMod).toContain(`github.com/envoyproxy/go-control-plane/envoy v${api ?? '?'}.`);
    const image = /envoyproxy\/envoy:v(\d+\.\d+)\.\d+/.exec(readFileSync(join(repoRoot, 'deploy/examples/proxy-sidecarset.yaml'), 'utf8'))?.[1];
    expect(image).toBe(api);
  });
});
