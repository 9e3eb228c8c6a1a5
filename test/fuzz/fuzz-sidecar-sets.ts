// The SidecarSets the admission fuzzer injects: as one YAML file, so the
// in-process run (parsed here) and the built webhook (--sidecarsets FILE)
// serve exactly the same sets. Between them they reach every path of the
// engine a pod can steer: opt-in and Always policies, label selectors with
// expressions, podMetadata, volumes, imagePullSecrets, native and classic
// sidecars, overrides of every format, shareProcessNamespace, supportedOS,
// and names that are Object.prototype members.
import type { SidecarSet } from '../../operator/api/sidecar-set.ts';
import { parseSidecarSetDocuments } from '../../operator/api/sidecar-set-documents.ts';

export const FUZZ_SETS_YAML = `apiVersion: tandem.dev/v1alpha1
kind: SidecarSet
metadata:
  name: proxy
spec:
  selector:
    matchLabels: {app: web}
  overrides:
    - {annotation: proxy.example.com/workers, container: proxy, env: WORKERS, format: Integer, maximum: "16"}
    - {annotation: proxy.example.com/debug, container: proxy, env: DEBUG, format: Boolean}
    - {annotation: proxy.example.com/memory-limit, container: proxy, resource: limits.memory, maximum: 1Gi}
    - {annotation: proxy.example.com/exclude-ports, container: proxy-init, env: EXCLUDE_PORTS, format: PortList}
    - {annotation: proxy.example.com/exclude-cidrs, container: proxy-init, env: EXCLUDE_CIDRS, format: CIDRList}
  initContainers:
    - name: proxy-init
      image: example.com/proxy-init:1
      env:
        - {name: EXCLUDE_PORTS, value: ""}
        - {name: EXCLUDE_CIDRS, value: ""}
  containers:
    - name: proxy
      image: example.com/proxy:1
      args: ["--listen=:15001"]
      env: [{name: WORKERS, value: "2"}, {name: DEBUG, value: "false"}]
      resources:
        requests: {cpu: 10m, memory: 32Mi}
        limits: {memory: 256Mi}
      volumeMounts: [{name: proxy-certs, mountPath: /etc/proxy}]
  volumes:
    - name: proxy-certs
      emptyDir: {}
  imagePullSecrets: [{name: proxy-pull}]
  podMetadata:
    labels: {proxy.example.com/enabled: "true"}
    annotations: {proxy.example.com/port: "15001"}
---
apiVersion: tandem.dev/v1alpha1
kind: SidecarSet
metadata:
  name: constructor
spec:
  selector:
    matchExpressions:
      - {key: app, operator: In, values: [web, api]}
      - {key: toString, operator: DoesNotExist}
  nativeSidecars: Never
  shareProcessNamespace: false
  containers:
    - name: toString
      image: example.com/prototype:1
      placement: After
      volumeMounts: [{name: valueOf, mountPath: /var/prototype}]
  volumes:
    - name: valueOf
      emptyDir: {}
  podMetadata:
    labels: {hasOwnProperty: "yes", constructor: "0644"}
---
apiVersion: tandem.dev/v1alpha1
kind: SidecarSet
metadata:
  name: logger
spec:
  injectionPolicy: Always
  selector:
    matchExpressions:
      - {key: tier, operator: Exists}
  shareProcessNamespace: true
  nativeSidecars: Always
  containers:
    - name: log-shipper
      image: example.com/shipper:4
      volumeMounts: [{name: tandem-logs, mountPath: /var/log/app}]
  volumes:
    - name: tandem-logs
      emptyDir: {sizeLimit: 64Mi}
---
apiVersion: tandem.dev/v1alpha1
kind: SidecarSet
metadata:
  name: windows-agent
spec:
  supportedOS: [windows]
  shareProcessNamespace: false
  selector:
    matchLabels: {app: web}
  containers:
    - name: windows-agent
      image: example.com/windows-agent:1
`;

export function fuzzSidecarSets(): SidecarSet[] {
  return parseSidecarSetDocuments(FUZZ_SETS_YAML, 'fuzz-sidecar-sets.yaml');
}
