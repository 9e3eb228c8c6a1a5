// Every label and annotation key Tandem reads or writes. Keys under
// tandem.dev/ are reserved: the CRD forbids podMetadata from setting them.

/** Pod annotation: "true", "false", or a comma-separated list of SidecarSet names. */
export const INJECT_ANNOTATION = 'tandem.dev/inject';

/** Namespace label: "enabled" or "disabled". */
export const NAMESPACE_INJECTION_LABEL = 'tandem.dev/injection';

/** Pod label set on every injected pod; the controller's pod reflector selects on it. */
export const INJECTED_LABEL = 'tandem.dev/injected';

/**
 * Pod annotation holding the injection record (JSON): which sets were applied,
 * their hashes, and exactly what each added. It is the only contract between
 * the webhook and the controller.
 */
export const INJECTION_RECORD_ANNOTATION = 'tandem.dev/injection-record';

/** Upstream annotation that `kubectl logs/exec` use to pick a container. */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';
