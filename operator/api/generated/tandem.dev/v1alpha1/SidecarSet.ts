// generated from crds/sidecarset.yaml by scripts/gen-api.ts, do not edit
import type { IObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";
import { Model, type ModelData, setValidateFunc, createTypeMetaGuard } from "@kubernetes-models/base";
import type { ValidateFunc } from "@kubernetes-models/validate";
import { validate } from "../../_schemas/TandemDevV1alpha1SidecarSet.js";

/**
 * SidecarSet adds the same sidecar containers, init containers, volumes and pod metadata to every pod that its selectors match, when the pod is created, and keeps already injected pods up to date according to its update strategy.
 */
export interface ISidecarSet {
  /**
   * APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources
   */
  "apiVersion": "tandem.dev/v1alpha1";
  /**
   * Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds
   */
  "kind": "SidecarSet";
  "metadata"?: IObjectMeta;
  /**
   * What to inject, into which pods, and how injected pods are updated.
   */
  "spec": {
    /**
     * Selects the pods to inject, by their labels. It must not be empty: a SidecarSet that matches every pod in the cluster is almost certainly a mistake.
     */
    "selector": {
      /**
       * matchExpressions is a list of label selector requirements. The requirements are ANDed.
       */
      "matchExpressions"?: Array<{
        /**
         * key is the label key that the selector applies to.
         */
        "key": string;
        /**
         * operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
         */
        "operator": "In" | "NotIn" | "Exists" | "DoesNotExist";
        /**
         * values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.
         */
        "values"?: Array<string>;
      }>;
      /**
       * matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.
       */
      "matchLabels"?: {
        [key: string]: string;
      };
    };
    /**
     * Restricts injection to pods in namespaces whose labels match. When absent, pods in every namespace are candidates; an empty selector ({}) also matches every namespace.
     */
    "namespaceSelector"?: {
      /**
       * matchExpressions is a list of label selector requirements. The requirements are ANDed.
       */
      "matchExpressions"?: Array<{
        /**
         * key is the label key that the selector applies to.
         */
        "key": string;
        /**
         * operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
         */
        "operator": "In" | "NotIn" | "Exists" | "DoesNotExist";
        /**
         * values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.
         */
        "values"?: Array<string>;
      }>;
      /**
       * matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.
       */
      "matchLabels"?: {
        [key: string]: string;
      };
    };
    /**
     * Which matching pods are injected. OptIn (the default) injects a matching pod only when it opts in: the pod annotation tandem.dev/inject is "true" or lists this set's name, or its namespace has the label tandem.dev/injection=enabled. Always injects every matching pod. Either way a pod with tandem.dev/inject: "false", or in a namespace labelled tandem.dev/injection=disabled, is never injected.
     */
    "injectionPolicy"?: "OptIn" | "Always";
    /**
     * Sidecar containers: long-running helpers that live as long as the application containers. Each is injected as a native sidecar (an init container with restartPolicy: Always) or as a regular container, as spec.nativeSidecars decides. Names must be unique across containers and initContainers, and must not clash with the pod's own containers (such a pod is left uninjected).
     */
    "containers"?: Array<{
      /**
       * Arguments to the entrypoint. The container image's CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell
       */
      "args"?: Array<string>;
      /**
       * Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell
       */
      "command"?: Array<string>;
      /**
       * List of environment variables to set in the container. Cannot be updated.
       */
      "env"?: Array<{
        /**
         * Name of the environment variable. May consist of any printable ASCII characters except '='.
         */
        "name": string;
        /**
         * Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container and any service environment variables. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Defaults to "".
         */
        "value"?: string;
        /**
         * Source for the environment variable's value. Cannot be used if value is not empty.
         */
        "valueFrom"?: {
          /**
           * Selects a key of a ConfigMap.
           */
          "configMapKeyRef"?: {
            /**
             * The key to select.
             */
            "key": string;
            /**
             * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
             */
            "name"?: string;
            /**
             * Specify whether the ConfigMap or its key must be defined
             */
            "optional"?: boolean;
          };
          /**
           * Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`, spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.
           */
          "fieldRef"?: {
            /**
             * Version of the schema the FieldPath is written in terms of, defaults to "v1".
             */
            "apiVersion"?: string;
            /**
             * Path of the field to select in the specified API version.
             */
            "fieldPath": string;
          };
          /**
           * FileKeyRef selects a key of the env file. Requires the EnvFiles feature gate to be enabled.
           */
          "fileKeyRef"?: {
            /**
             * The key within the env file. An invalid key will prevent the pod from starting. The keys defined within a source may consist of any printable ASCII characters except '='. During Alpha stage of the EnvFiles feature gate, the key size is limited to 128 characters.
             */
            "key": string;
            /**
             * Specify whether the file or its key must be defined. If the file or key does not exist, then the env var is not published. If optional is set to true and the specified key does not exist, the environment variable will not be set in the Pod's containers.
             * 
             * If optional is set to false and the specified key does not exist, an error will be returned during Pod creation.
             */
            "optional"?: boolean;
            /**
             * The path within the volume from which to select the file. Must be relative and may not contain the '..' path or start with '..'.
             */
            "path": string;
            /**
             * The name of the volume mount containing the env file.
             */
            "volumeName": string;
          };
          /**
           * Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory and requests.ephemeral-storage) are currently supported.
           */
          "resourceFieldRef"?: {
            /**
             * Container name: required for volumes, optional for env vars
             */
            "containerName"?: string;
            /**
             * Specifies the output format of the exposed resources, defaults to "1"
             */
            "divisor"?: number | string;
            /**
             * Required: resource to select
             */
            "resource": string;
          };
          /**
           * Selects a key of a secret in the pod's namespace
           */
          "secretKeyRef"?: {
            /**
             * The key of the secret to select from.  Must be a valid secret key.
             */
            "key": string;
            /**
             * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
             */
            "name"?: string;
            /**
             * Specify whether the Secret or its key must be defined
             */
            "optional"?: boolean;
          };
        };
      }>;
      /**
       * List of sources to populate environment variables in the container. The keys defined within a source may consist of any printable ASCII characters except '='. When a key exists in multiple sources, the value associated with the last source will take precedence. Values defined by an Env with a duplicate key will take precedence. Cannot be updated.
       */
      "envFrom"?: Array<{
        /**
         * The ConfigMap to select from
         */
        "configMapRef"?: {
          /**
           * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
           */
          "name"?: string;
          /**
           * Specify whether the ConfigMap must be defined
           */
          "optional"?: boolean;
        };
        /**
         * Optional text to prepend to the name of each environment variable. May consist of any printable ASCII characters except '='.
         */
        "prefix"?: string;
        /**
         * The Secret to select from
         */
        "secretRef"?: {
          /**
           * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
           */
          "name"?: string;
          /**
           * Specify whether the Secret must be defined
           */
          "optional"?: boolean;
        };
      }>;
      /**
       * Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.
       */
      "image"?: string;
      /**
       * Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images
       */
      "imagePullPolicy"?: string;
      /**
       * Actions that the management system should take in response to container lifecycle events. Cannot be updated.
       */
      "lifecycle"?: {
        /**
         * PostStart is called immediately after a container is created. If the handler fails, the container is terminated and restarted according to its restart policy. Other management of the container blocks until the hook completes. More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks
         */
        "postStart"?: {
          /**
           * Exec specifies a command to execute in the container.
           */
          "exec"?: {
            /**
             * Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
             */
            "command"?: Array<string>;
          };
          /**
           * HTTPGet specifies an HTTP GET request to perform.
           */
          "httpGet"?: {
            /**
             * Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.
             */
            "host"?: string;
            /**
             * Custom headers to set in the request. HTTP allows repeated headers.
             */
            "httpHeaders"?: Array<{
              /**
               * The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.
               */
              "name": string;
              /**
               * The header field value
               */
              "value": string;
            }>;
            /**
             * Path to access on the HTTP server.
             */
            "path"?: string;
            /**
             * Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
             */
            "port": number | string;
            /**
             * Scheme to use for connecting to the host. Defaults to HTTP.
             */
            "scheme"?: string;
          };
          /**
           * Sleep represents a duration that the container should sleep.
           */
          "sleep"?: {
            /**
             * Seconds is the number of seconds to sleep.
             */
            "seconds": number;
          };
          /**
           * Deprecated. TCPSocket is NOT supported as a LifecycleHandler and kept for backward compatibility. There is no validation of this field and lifecycle hooks will fail at runtime when it is specified.
           */
          "tcpSocket"?: {
            /**
             * Optional: Host name to connect to, defaults to the pod IP.
             */
            "host"?: string;
            /**
             * Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
             */
            "port": number | string;
          };
        };
        /**
         * PreStop is called immediately before a container is terminated due to an API request or management event such as liveness/startup probe failure, preemption, resource contention, etc. The handler is not called if the container crashes or exits. The Pod's termination grace period countdown begins before the PreStop hook is executed. Regardless of the outcome of the handler, the container will eventually terminate within the Pod's termination grace period (unless delayed by finalizers). Other management of the container blocks until the hook completes or until the termination grace period is reached. More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks
         */
        "preStop"?: {
          /**
           * Exec specifies a command to execute in the container.
           */
          "exec"?: {
            /**
             * Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
             */
            "command"?: Array<string>;
          };
          /**
           * HTTPGet specifies an HTTP GET request to perform.
           */
          "httpGet"?: {
            /**
             * Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.
             */
            "host"?: string;
            /**
             * Custom headers to set in the request. HTTP allows repeated headers.
             */
            "httpHeaders"?: Array<{
              /**
               * The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.
               */
              "name": string;
              /**
               * The header field value
               */
              "value": string;
            }>;
            /**
             * Path to access on the HTTP server.
             */
            "path"?: string;
            /**
             * Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
             */
            "port": number | string;
            /**
             * Scheme to use for connecting to the host. Defaults to HTTP.
             */
            "scheme"?: string;
          };
          /**
           * Sleep represents a duration that the container should sleep.
           */
          "sleep"?: {
            /**
             * Seconds is the number of seconds to sleep.
             */
            "seconds": number;
          };
          /**
           * Deprecated. TCPSocket is NOT supported as a LifecycleHandler and kept for backward compatibility. There is no validation of this field and lifecycle hooks will fail at runtime when it is specified.
           */
          "tcpSocket"?: {
            /**
             * Optional: Host name to connect to, defaults to the pod IP.
             */
            "host"?: string;
            /**
             * Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
             */
            "port": number | string;
          };
        };
        /**
         * StopSignal defines which signal will be sent to a container when it is being stopped. If not specified, the default is defined by the container runtime in use. StopSignal can only be set for Pods with a non-empty .spec.os.name
         */
        "stopSignal"?: string;
      };
      /**
       * Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
       */
      "livenessProbe"?: {
        /**
         * Exec specifies a command to execute in the container.
         */
        "exec"?: {
          /**
           * Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
           */
          "command"?: Array<string>;
        };
        /**
         * Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.
         */
        "failureThreshold"?: number;
        /**
         * GRPC specifies a GRPC HealthCheckRequest.
         */
        "grpc"?: {
          /**
           * Port number of the gRPC service. Number must be in the range 1 to 65535.
           */
          "port": number;
          /**
           * Service is the name of the service to place in the gRPC HealthCheckRequest (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).
           * 
           * If this is not specified, the default behavior is defined by gRPC.
           */
          "service"?: string;
        };
        /**
         * HTTPGet specifies an HTTP GET request to perform.
         */
        "httpGet"?: {
          /**
           * Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.
           */
          "host"?: string;
          /**
           * Custom headers to set in the request. HTTP allows repeated headers.
           */
          "httpHeaders"?: Array<{
            /**
             * The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.
             */
            "name": string;
            /**
             * The header field value
             */
            "value": string;
          }>;
          /**
           * Path to access on the HTTP server.
           */
          "path"?: string;
          /**
           * Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
           */
          "port": number | string;
          /**
           * Scheme to use for connecting to the host. Defaults to HTTP.
           */
          "scheme"?: string;
        };
        /**
         * Number of seconds after the container has started before liveness probes are initiated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
         */
        "initialDelaySeconds"?: number;
        /**
         * How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.
         */
        "periodSeconds"?: number;
        /**
         * Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.
         */
        "successThreshold"?: number;
        /**
         * TCPSocket specifies a connection to a TCP port.
         */
        "tcpSocket"?: {
          /**
           * Optional: Host name to connect to, defaults to the pod IP.
           */
          "host"?: string;
          /**
           * Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
           */
          "port": number | string;
        };
        /**
         * Optional duration in seconds the pod needs to terminate gracefully upon probe failure. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this value overrides the value provided by the pod spec. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate. Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.
         */
        "terminationGracePeriodSeconds"?: number;
        /**
         * Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
         */
        "timeoutSeconds"?: number;
      };
      /**
       * Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.
       */
      "name": string;
      /**
       * Where this sidecar goes among the pod's containers when it is injected as a regular container: Before puts it ahead of the application containers (so it starts first and kubectl still defaults to the application), After (the default) appends it. Ignored when it is injected as a native sidecar.
       */
      "placement"?: "Before" | "After";
      /**
       * List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default "0.0.0.0" address inside a container will be accessible from the network. Modifying this array with strategic merge patch may corrupt the data. For more information See https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.
       */
      "ports"?: Array<{
        /**
         * Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.
         */
        "containerPort": number;
        /**
         * What host IP to bind the external port to.
         */
        "hostIP"?: string;
        /**
         * Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this.
         */
        "hostPort"?: number;
        /**
         * If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services.
         */
        "name"?: string;
        /**
         * Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".
         */
        "protocol"?: string;
      }>;
      /**
       * Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
       */
      "readinessProbe"?: {
        /**
         * Exec specifies a command to execute in the container.
         */
        "exec"?: {
          /**
           * Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
           */
          "command"?: Array<string>;
        };
        /**
         * Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.
         */
        "failureThreshold"?: number;
        /**
         * GRPC specifies a GRPC HealthCheckRequest.
         */
        "grpc"?: {
          /**
           * Port number of the gRPC service. Number must be in the range 1 to 65535.
           */
          "port": number;
          /**
           * Service is the name of the service to place in the gRPC HealthCheckRequest (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).
           * 
           * If this is not specified, the default behavior is defined by gRPC.
           */
          "service"?: string;
        };
        /**
         * HTTPGet specifies an HTTP GET request to perform.
         */
        "httpGet"?: {
          /**
           * Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.
           */
          "host"?: string;
          /**
           * Custom headers to set in the request. HTTP allows repeated headers.
           */
          "httpHeaders"?: Array<{
            /**
             * The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.
             */
            "name": string;
            /**
             * The header field value
             */
            "value": string;
          }>;
          /**
           * Path to access on the HTTP server.
           */
          "path"?: string;
          /**
           * Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
           */
          "port": number | string;
          /**
           * Scheme to use for connecting to the host. Defaults to HTTP.
           */
          "scheme"?: string;
        };
        /**
         * Number of seconds after the container has started before liveness probes are initiated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
         */
        "initialDelaySeconds"?: number;
        /**
         * How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.
         */
        "periodSeconds"?: number;
        /**
         * Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.
         */
        "successThreshold"?: number;
        /**
         * TCPSocket specifies a connection to a TCP port.
         */
        "tcpSocket"?: {
          /**
           * Optional: Host name to connect to, defaults to the pod IP.
           */
          "host"?: string;
          /**
           * Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
           */
          "port": number | string;
        };
        /**
         * Optional duration in seconds the pod needs to terminate gracefully upon probe failure. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this value overrides the value provided by the pod spec. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate. Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.
         */
        "terminationGracePeriodSeconds"?: number;
        /**
         * Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
         */
        "timeoutSeconds"?: number;
      };
      /**
       * Resources resize policy for the container. This field cannot be set on ephemeral containers.
       */
      "resizePolicy"?: Array<{
        /**
         * Name of the resource to which this resource resize policy applies. Supported values: cpu, memory.
         */
        "resourceName": string;
        /**
         * Restart policy to apply when specified resource is resized. If not specified, it defaults to NotRequired.
         */
        "restartPolicy": string;
      }>;
      /**
       * Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
       */
      "resources"?: {
        /**
         * Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.
         * 
         * This field depends on the DynamicResourceAllocation feature gate.
         * 
         * This field is immutable. It can only be set for containers.
         */
        "claims"?: Array<{
          /**
           * Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used. It makes that resource available inside a container.
           */
          "name": string;
          /**
           * Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available, otherwise only the result of this request.
           */
          "request"?: string;
        }>;
        /**
         * Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
         */
        "limits"?: {
          [key: string]: number | string;
        };
        /**
         * Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
         */
        "requests"?: {
          [key: string]: number | string;
        };
      };
      /**
       * RestartPolicy defines the restart behavior of individual containers in a pod. This overrides the pod-level restart policy. When this field is not specified, the restart behavior is defined by the Pod's restart policy and the container type. Additionally, setting the RestartPolicy as "Always" for the init container will have the following effect: this init container will be continually restarted on exit until all regular containers have terminated. Once all regular containers have completed, all init containers with restartPolicy "Always" will be shut down. This lifecycle differs from normal init containers and is often referred to as a "sidecar" container. Although this init container still starts in the init container sequence, it does not wait for the container to complete before proceeding to the next init container. Instead, the next init container starts immediately after this init container is started, or after any startupProbe has successfully completed.
       */
      "restartPolicy"?: string;
      /**
       * Represents a list of rules to be checked to determine if the container should be restarted on exit. The rules are evaluated in order. Once a rule matches a container exit condition, the remaining rules are ignored. If no rule matches the container exit condition, the Container-level restart policy determines the whether the container is restarted or not. Constraints on the rules: - At most 20 rules are allowed. - Rules can have the same action. - Identical rules are not forbidden in validations. When rules are specified, container MUST set RestartPolicy explicitly even it if matches the Pod's RestartPolicy.
       */
      "restartPolicyRules"?: Array<{
        /**
         * Specifies the action taken on a container exit if the requirements are satisfied. The only possible value is "Restart" to restart the container.
         */
        "action": string;
        /**
         * Represents the exit codes to check on container exits.
         */
        "exitCodes"?: {
          /**
           * Represents the relationship between the container exit code(s) and the specified values. Possible values are: - In: the requirement is satisfied if the container exit code is in the
           *   set of specified values.
           * - NotIn: the requirement is satisfied if the container exit code is
           *   not in the set of specified values.
           */
          "operator": string;
          /**
           * Specifies the set of values to check for container exit codes. At most 255 elements are allowed.
           */
          "values"?: Array<number>;
        };
      }>;
      /**
       * SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext. More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
       */
      "securityContext"?: {
        /**
         * AllowPrivilegeEscalation controls whether a process can gain more privileges than its parent process. This bool directly controls if the no_new_privs flag will be set on the container process. AllowPrivilegeEscalation is true always when the container is: 1) run as Privileged 2) has CAP_SYS_ADMIN Note that this field cannot be set when spec.os.name is windows.
         */
        "allowPrivilegeEscalation"?: boolean;
        /**
         * appArmorProfile is the AppArmor options to use by this container. If set, this profile overrides the pod's appArmorProfile. Note that this field cannot be set when spec.os.name is windows.
         */
        "appArmorProfile"?: {
          /**
           * localhostProfile indicates a profile loaded on the node that should be used. The profile must be preconfigured on the node to work. Must match the loaded name of the profile. Must be set if and only if type is "Localhost".
           */
          "localhostProfile"?: string;
          /**
           * type indicates which kind of AppArmor profile will be applied. Valid options are:
           *   Localhost - a profile pre-loaded on the node.
           *   RuntimeDefault - the container runtime's default profile.
           *   Unconfined - no AppArmor enforcement.
           */
          "type": string;
        };
        /**
         * The capabilities to add/drop when running containers. Defaults to the default set of capabilities granted by the container runtime. Note that this field cannot be set when spec.os.name is windows.
         */
        "capabilities"?: {
          /**
           * Added capabilities
           */
          "add"?: Array<string>;
          /**
           * Removed capabilities
           */
          "drop"?: Array<string>;
        };
        /**
         * Run container in privileged mode. Processes in privileged containers are essentially equivalent to root on the host. Defaults to false. Note that this field cannot be set when spec.os.name is windows.
         */
        "privileged"?: boolean;
        /**
         * procMount denotes the type of proc mount to use for the containers. The default value is Default which uses the container runtime defaults for readonly paths and masked paths. Note that this field cannot be set when spec.os.name is windows.
         */
        "procMount"?: string;
        /**
         * Whether this container has a read-only root filesystem. Default is false. Note that this field cannot be set when spec.os.name is windows.
         */
        "readOnlyRootFilesystem"?: boolean;
        /**
         * The GID to run the entrypoint of the container process. Uses runtime default if unset. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.
         */
        "runAsGroup"?: number;
        /**
         * Indicates that the container must run as a non-root user. If true, the Kubelet will validate the image at runtime to ensure that it does not run as UID 0 (root) and fail to start the container if it does. If unset or false, no such validation will be performed. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.
         */
        "runAsNonRoot"?: boolean;
        /**
         * The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.
         */
        "runAsUser"?: number;
        /**
         * The SELinux context to be applied to the container. If unspecified, the container runtime will allocate a random SELinux context for each container.  May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.
         */
        "seLinuxOptions"?: {
          /**
           * Level is SELinux level label that applies to the container.
           */
          "level"?: string;
          /**
           * Role is a SELinux role label that applies to the container.
           */
          "role"?: string;
          /**
           * Type is a SELinux type label that applies to the container.
           */
          "type"?: string;
          /**
           * User is a SELinux user label that applies to the container.
           */
          "user"?: string;
        };
        /**
         * The seccomp options to use by this container. If seccomp options are provided at both the pod & container level, the container options override the pod options. Note that this field cannot be set when spec.os.name is windows.
         */
        "seccompProfile"?: {
          /**
           * localhostProfile indicates a profile defined in a file on the node should be used. The profile must be preconfigured on the node to work. Must be a descending path, relative to the kubelet's configured seccomp profile location. Must be set if type is "Localhost". Must NOT be set for any other type.
           */
          "localhostProfile"?: string;
          /**
           * type indicates which kind of seccomp profile will be applied. Valid options are:
           * 
           * Localhost - a profile defined in a file on the node should be used. RuntimeDefault - the container runtime default profile should be used. Unconfined - no profile should be applied.
           */
          "type": string;
        };
        /**
         * The Windows specific settings applied to all containers. If unspecified, the options from the PodSecurityContext will be used. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is linux.
         */
        "windowsOptions"?: {
          /**
           * GMSACredentialSpec is where the GMSA admission webhook (https://github.com/kubernetes-sigs/windows-gmsa) inlines the contents of the GMSA credential spec named by the GMSACredentialSpecName field.
           */
          "gmsaCredentialSpec"?: string;
          /**
           * GMSACredentialSpecName is the name of the GMSA credential spec to use.
           */
          "gmsaCredentialSpecName"?: string;
          /**
           * HostProcess determines if a container should be run as a 'Host Process' container. All of a Pod's containers must have the same effective HostProcess value (it is not allowed to have a mix of HostProcess containers and non-HostProcess containers). In addition, if HostProcess is true then HostNetwork must also be set to true.
           */
          "hostProcess"?: boolean;
          /**
           * The UserName in Windows to run the entrypoint of the container process. Defaults to the user specified in image metadata if unspecified. May also be set in PodSecurityContext. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.
           */
          "runAsUserName"?: string;
        };
      };
      /**
       * StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. If this probe fails, the Pod will be restarted, just as if the livenessProbe failed. This can be used to provide different probe parameters at the beginning of a Pod's lifecycle, when it might take a long time to load data or warm a cache, than during steady-state operation. This cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
       */
      "startupProbe"?: {
        /**
         * Exec specifies a command to execute in the container.
         */
        "exec"?: {
          /**
           * Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
           */
          "command"?: Array<string>;
        };
        /**
         * Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.
         */
        "failureThreshold"?: number;
        /**
         * GRPC specifies a GRPC HealthCheckRequest.
         */
        "grpc"?: {
          /**
           * Port number of the gRPC service. Number must be in the range 1 to 65535.
           */
          "port": number;
          /**
           * Service is the name of the service to place in the gRPC HealthCheckRequest (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).
           * 
           * If this is not specified, the default behavior is defined by gRPC.
           */
          "service"?: string;
        };
        /**
         * HTTPGet specifies an HTTP GET request to perform.
         */
        "httpGet"?: {
          /**
           * Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.
           */
          "host"?: string;
          /**
           * Custom headers to set in the request. HTTP allows repeated headers.
           */
          "httpHeaders"?: Array<{
            /**
             * The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.
             */
            "name": string;
            /**
             * The header field value
             */
            "value": string;
          }>;
          /**
           * Path to access on the HTTP server.
           */
          "path"?: string;
          /**
           * Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
           */
          "port": number | string;
          /**
           * Scheme to use for connecting to the host. Defaults to HTTP.
           */
          "scheme"?: string;
        };
        /**
         * Number of seconds after the container has started before liveness probes are initiated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
         */
        "initialDelaySeconds"?: number;
        /**
         * How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.
         */
        "periodSeconds"?: number;
        /**
         * Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.
         */
        "successThreshold"?: number;
        /**
         * TCPSocket specifies a connection to a TCP port.
         */
        "tcpSocket"?: {
          /**
           * Optional: Host name to connect to, defaults to the pod IP.
           */
          "host"?: string;
          /**
           * Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
           */
          "port": number | string;
        };
        /**
         * Optional duration in seconds the pod needs to terminate gracefully upon probe failure. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this value overrides the value provided by the pod spec. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate. Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.
         */
        "terminationGracePeriodSeconds"?: number;
        /**
         * Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
         */
        "timeoutSeconds"?: number;
      };
      /**
       * Whether this container should allocate a buffer for stdin in the container runtime. If this is not set, reads from stdin in the container will always result in EOF. Default is false.
       */
      "stdin"?: boolean;
      /**
       * Whether the container runtime should close the stdin channel after it has been opened by a single attach. When stdin is true the stdin stream will remain open across multiple attach sessions. If stdinOnce is set to true, stdin is opened on container start, is empty until the first client attaches to stdin, and then remains open and accepts data until the client disconnects, at which time stdin is closed and remains closed until the container is restarted. If this flag is false, a container processes that reads from stdin will never receive an EOF. Default is false
       */
      "stdinOnce"?: boolean;
      /**
       * Optional: Path at which the file to which the container's termination message will be written is mounted into the container's filesystem. Message written is intended to be brief final status, such as an assertion failure message. Will be truncated by the node if greater than 4096 bytes. The total message length across all containers will be limited to 12kb. Defaults to /dev/termination-log. Cannot be updated.
       */
      "terminationMessagePath"?: string;
      /**
       * Indicate how the termination message should be populated. File will use the contents of terminationMessagePath to populate the container status message on both success and failure. FallbackToLogsOnError will use the last chunk of container log output if the termination message file is empty and the container exited with an error. The log output is limited to 2048 bytes or 80 lines, whichever is smaller. Defaults to File. Cannot be updated.
       */
      "terminationMessagePolicy"?: string;
      /**
       * Whether this container should allocate a TTY for itself, also requires 'stdin' to be true. Default is false.
       */
      "tty"?: boolean;
      /**
       * volumeDevices is the list of block devices to be used by the container.
       */
      "volumeDevices"?: Array<{
        /**
         * devicePath is the path inside of the container that the device will be mapped to.
         */
        "devicePath": string;
        /**
         * name must match the name of a persistentVolumeClaim in the pod
         */
        "name": string;
      }>;
      /**
       * Pod volumes to mount into the container's filesystem. Cannot be updated.
       */
      "volumeMounts"?: Array<{
        /**
         * Path within the container at which the volume should be mounted.  Must not contain ':'.
         */
        "mountPath": string;
        /**
         * mountPropagation determines how mounts are propagated from the host to container and the other way around. When not set, MountPropagationNone is used. This field is beta in 1.10. When RecursiveReadOnly is set to IfPossible or to Enabled, MountPropagation must be None or unspecified (which defaults to None).
         */
        "mountPropagation"?: string;
        /**
         * This must match the Name of a Volume.
         */
        "name": string;
        /**
         * Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false.
         */
        "readOnly"?: boolean;
        /**
         * RecursiveReadOnly specifies whether read-only mounts should be handled recursively.
         * 
         * If ReadOnly is false, this field has no meaning and must be unspecified.
         * 
         * If ReadOnly is true, and this field is set to Disabled, the mount is not made recursively read-only.  If this field is set to IfPossible, the mount is made recursively read-only, if it is supported by the container runtime.  If this field is set to Enabled, the mount is made recursively read-only if it is supported by the container runtime, otherwise the pod will not be started and an error will be generated to indicate the reason.
         * 
         * If this field is set to IfPossible or Enabled, MountPropagation must be set to None (or be unspecified, which defaults to None).
         * 
         * If this field is not specified, it is treated as an equivalent of Disabled.
         */
        "recursiveReadOnly"?: string;
        /**
         * Path within the volume from which the container's volume should be mounted. Defaults to "" (volume's root).
         */
        "subPath"?: string;
        /**
         * Expanded path within the volume from which the container's volume should be mounted. Behaves similarly to SubPath but environment variable references $(VAR_NAME) are expanded using the container's environment. Defaults to "" (volume's root). SubPathExpr and SubPath are mutually exclusive.
         */
        "subPathExpr"?: string;
      }>;
      /**
       * Container's working directory. If not specified, the container runtime's default will be used, which might be configured in the container image. Cannot be updated.
       */
      "workingDir"?: string;
    }>;
    /**
     * Whether sidecar containers are injected as native sidecars (init containers with restartPolicy: Always, Kubernetes >= 1.29), which start before and stop after the application and let Jobs complete. Auto (the default) uses them when the cluster supports them and regular containers otherwise; Always always uses them; Never always injects regular containers.
     */
    "nativeSidecars"?: "Auto" | "Always" | "Never";
    /**
     * Run-to-completion init containers, injected ahead of the pod's own init containers and run in order before any sidecar or application container starts. They must not set restartPolicy: Always; long-running helpers belong in containers.
     */
    "initContainers"?: Array<{
      /**
       * Arguments to the entrypoint. The container image's CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell
       */
      "args"?: Array<string>;
      /**
       * Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell
       */
      "command"?: Array<string>;
      /**
       * List of environment variables to set in the container. Cannot be updated.
       */
      "env"?: Array<{
        /**
         * Name of the environment variable. May consist of any printable ASCII characters except '='.
         */
        "name": string;
        /**
         * Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container and any service environment variables. If a variable cannot be resolved, the reference in the input string will be unchanged. Double $$ are reduced to a single $, which allows for escaping the $(VAR_NAME) syntax: i.e. "$$(VAR_NAME)" will produce the string literal "$(VAR_NAME)". Escaped references will never be expanded, regardless of whether the variable exists or not. Defaults to "".
         */
        "value"?: string;
        /**
         * Source for the environment variable's value. Cannot be used if value is not empty.
         */
        "valueFrom"?: {
          /**
           * Selects a key of a ConfigMap.
           */
          "configMapKeyRef"?: {
            /**
             * The key to select.
             */
            "key": string;
            /**
             * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
             */
            "name"?: string;
            /**
             * Specify whether the ConfigMap or its key must be defined
             */
            "optional"?: boolean;
          };
          /**
           * Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`, spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.
           */
          "fieldRef"?: {
            /**
             * Version of the schema the FieldPath is written in terms of, defaults to "v1".
             */
            "apiVersion"?: string;
            /**
             * Path of the field to select in the specified API version.
             */
            "fieldPath": string;
          };
          /**
           * FileKeyRef selects a key of the env file. Requires the EnvFiles feature gate to be enabled.
           */
          "fileKeyRef"?: {
            /**
             * The key within the env file. An invalid key will prevent the pod from starting. The keys defined within a source may consist of any printable ASCII characters except '='. During Alpha stage of the EnvFiles feature gate, the key size is limited to 128 characters.
             */
            "key": string;
            /**
             * Specify whether the file or its key must be defined. If the file or key does not exist, then the env var is not published. If optional is set to true and the specified key does not exist, the environment variable will not be set in the Pod's containers.
             * 
             * If optional is set to false and the specified key does not exist, an error will be returned during Pod creation.
             */
            "optional"?: boolean;
            /**
             * The path within the volume from which to select the file. Must be relative and may not contain the '..' path or start with '..'.
             */
            "path": string;
            /**
             * The name of the volume mount containing the env file.
             */
            "volumeName": string;
          };
          /**
           * Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory and requests.ephemeral-storage) are currently supported.
           */
          "resourceFieldRef"?: {
            /**
             * Container name: required for volumes, optional for env vars
             */
            "containerName"?: string;
            /**
             * Specifies the output format of the exposed resources, defaults to "1"
             */
            "divisor"?: number | string;
            /**
             * Required: resource to select
             */
            "resource": string;
          };
          /**
           * Selects a key of a secret in the pod's namespace
           */
          "secretKeyRef"?: {
            /**
             * The key of the secret to select from.  Must be a valid secret key.
             */
            "key": string;
            /**
             * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
             */
            "name"?: string;
            /**
             * Specify whether the Secret or its key must be defined
             */
            "optional"?: boolean;
          };
        };
      }>;
      /**
       * List of sources to populate environment variables in the container. The keys defined within a source may consist of any printable ASCII characters except '='. When a key exists in multiple sources, the value associated with the last source will take precedence. Values defined by an Env with a duplicate key will take precedence. Cannot be updated.
       */
      "envFrom"?: Array<{
        /**
         * The ConfigMap to select from
         */
        "configMapRef"?: {
          /**
           * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
           */
          "name"?: string;
          /**
           * Specify whether the ConfigMap must be defined
           */
          "optional"?: boolean;
        };
        /**
         * Optional text to prepend to the name of each environment variable. May consist of any printable ASCII characters except '='.
         */
        "prefix"?: string;
        /**
         * The Secret to select from
         */
        "secretRef"?: {
          /**
           * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
           */
          "name"?: string;
          /**
           * Specify whether the Secret must be defined
           */
          "optional"?: boolean;
        };
      }>;
      /**
       * Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.
       */
      "image"?: string;
      /**
       * Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images
       */
      "imagePullPolicy"?: string;
      /**
       * Actions that the management system should take in response to container lifecycle events. Cannot be updated.
       */
      "lifecycle"?: {
        /**
         * PostStart is called immediately after a container is created. If the handler fails, the container is terminated and restarted according to its restart policy. Other management of the container blocks until the hook completes. More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks
         */
        "postStart"?: {
          /**
           * Exec specifies a command to execute in the container.
           */
          "exec"?: {
            /**
             * Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
             */
            "command"?: Array<string>;
          };
          /**
           * HTTPGet specifies an HTTP GET request to perform.
           */
          "httpGet"?: {
            /**
             * Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.
             */
            "host"?: string;
            /**
             * Custom headers to set in the request. HTTP allows repeated headers.
             */
            "httpHeaders"?: Array<{
              /**
               * The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.
               */
              "name": string;
              /**
               * The header field value
               */
              "value": string;
            }>;
            /**
             * Path to access on the HTTP server.
             */
            "path"?: string;
            /**
             * Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
             */
            "port": number | string;
            /**
             * Scheme to use for connecting to the host. Defaults to HTTP.
             */
            "scheme"?: string;
          };
          /**
           * Sleep represents a duration that the container should sleep.
           */
          "sleep"?: {
            /**
             * Seconds is the number of seconds to sleep.
             */
            "seconds": number;
          };
          /**
           * Deprecated. TCPSocket is NOT supported as a LifecycleHandler and kept for backward compatibility. There is no validation of this field and lifecycle hooks will fail at runtime when it is specified.
           */
          "tcpSocket"?: {
            /**
             * Optional: Host name to connect to, defaults to the pod IP.
             */
            "host"?: string;
            /**
             * Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
             */
            "port": number | string;
          };
        };
        /**
         * PreStop is called immediately before a container is terminated due to an API request or management event such as liveness/startup probe failure, preemption, resource contention, etc. The handler is not called if the container crashes or exits. The Pod's termination grace period countdown begins before the PreStop hook is executed. Regardless of the outcome of the handler, the container will eventually terminate within the Pod's termination grace period (unless delayed by finalizers). Other management of the container blocks until the hook completes or until the termination grace period is reached. More info: https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#container-hooks
         */
        "preStop"?: {
          /**
           * Exec specifies a command to execute in the container.
           */
          "exec"?: {
            /**
             * Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
             */
            "command"?: Array<string>;
          };
          /**
           * HTTPGet specifies an HTTP GET request to perform.
           */
          "httpGet"?: {
            /**
             * Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.
             */
            "host"?: string;
            /**
             * Custom headers to set in the request. HTTP allows repeated headers.
             */
            "httpHeaders"?: Array<{
              /**
               * The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.
               */
              "name": string;
              /**
               * The header field value
               */
              "value": string;
            }>;
            /**
             * Path to access on the HTTP server.
             */
            "path"?: string;
            /**
             * Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
             */
            "port": number | string;
            /**
             * Scheme to use for connecting to the host. Defaults to HTTP.
             */
            "scheme"?: string;
          };
          /**
           * Sleep represents a duration that the container should sleep.
           */
          "sleep"?: {
            /**
             * Seconds is the number of seconds to sleep.
             */
            "seconds": number;
          };
          /**
           * Deprecated. TCPSocket is NOT supported as a LifecycleHandler and kept for backward compatibility. There is no validation of this field and lifecycle hooks will fail at runtime when it is specified.
           */
          "tcpSocket"?: {
            /**
             * Optional: Host name to connect to, defaults to the pod IP.
             */
            "host"?: string;
            /**
             * Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
             */
            "port": number | string;
          };
        };
        /**
         * StopSignal defines which signal will be sent to a container when it is being stopped. If not specified, the default is defined by the container runtime in use. StopSignal can only be set for Pods with a non-empty .spec.os.name
         */
        "stopSignal"?: string;
      };
      /**
       * Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
       */
      "livenessProbe"?: {
        /**
         * Exec specifies a command to execute in the container.
         */
        "exec"?: {
          /**
           * Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
           */
          "command"?: Array<string>;
        };
        /**
         * Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.
         */
        "failureThreshold"?: number;
        /**
         * GRPC specifies a GRPC HealthCheckRequest.
         */
        "grpc"?: {
          /**
           * Port number of the gRPC service. Number must be in the range 1 to 65535.
           */
          "port": number;
          /**
           * Service is the name of the service to place in the gRPC HealthCheckRequest (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).
           * 
           * If this is not specified, the default behavior is defined by gRPC.
           */
          "service"?: string;
        };
        /**
         * HTTPGet specifies an HTTP GET request to perform.
         */
        "httpGet"?: {
          /**
           * Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.
           */
          "host"?: string;
          /**
           * Custom headers to set in the request. HTTP allows repeated headers.
           */
          "httpHeaders"?: Array<{
            /**
             * The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.
             */
            "name": string;
            /**
             * The header field value
             */
            "value": string;
          }>;
          /**
           * Path to access on the HTTP server.
           */
          "path"?: string;
          /**
           * Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
           */
          "port": number | string;
          /**
           * Scheme to use for connecting to the host. Defaults to HTTP.
           */
          "scheme"?: string;
        };
        /**
         * Number of seconds after the container has started before liveness probes are initiated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
         */
        "initialDelaySeconds"?: number;
        /**
         * How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.
         */
        "periodSeconds"?: number;
        /**
         * Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.
         */
        "successThreshold"?: number;
        /**
         * TCPSocket specifies a connection to a TCP port.
         */
        "tcpSocket"?: {
          /**
           * Optional: Host name to connect to, defaults to the pod IP.
           */
          "host"?: string;
          /**
           * Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
           */
          "port": number | string;
        };
        /**
         * Optional duration in seconds the pod needs to terminate gracefully upon probe failure. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this value overrides the value provided by the pod spec. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate. Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.
         */
        "terminationGracePeriodSeconds"?: number;
        /**
         * Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
         */
        "timeoutSeconds"?: number;
      };
      /**
       * Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.
       */
      "name": string;
      /**
       * List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default "0.0.0.0" address inside a container will be accessible from the network. Modifying this array with strategic merge patch may corrupt the data. For more information See https://github.com/kubernetes/kubernetes/issues/108255. Cannot be updated.
       */
      "ports"?: Array<{
        /**
         * Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.
         */
        "containerPort": number;
        /**
         * What host IP to bind the external port to.
         */
        "hostIP"?: string;
        /**
         * Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this.
         */
        "hostPort"?: number;
        /**
         * If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services.
         */
        "name"?: string;
        /**
         * Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".
         */
        "protocol"?: string;
      }>;
      /**
       * Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
       */
      "readinessProbe"?: {
        /**
         * Exec specifies a command to execute in the container.
         */
        "exec"?: {
          /**
           * Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
           */
          "command"?: Array<string>;
        };
        /**
         * Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.
         */
        "failureThreshold"?: number;
        /**
         * GRPC specifies a GRPC HealthCheckRequest.
         */
        "grpc"?: {
          /**
           * Port number of the gRPC service. Number must be in the range 1 to 65535.
           */
          "port": number;
          /**
           * Service is the name of the service to place in the gRPC HealthCheckRequest (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).
           * 
           * If this is not specified, the default behavior is defined by gRPC.
           */
          "service"?: string;
        };
        /**
         * HTTPGet specifies an HTTP GET request to perform.
         */
        "httpGet"?: {
          /**
           * Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.
           */
          "host"?: string;
          /**
           * Custom headers to set in the request. HTTP allows repeated headers.
           */
          "httpHeaders"?: Array<{
            /**
             * The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.
             */
            "name": string;
            /**
             * The header field value
             */
            "value": string;
          }>;
          /**
           * Path to access on the HTTP server.
           */
          "path"?: string;
          /**
           * Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
           */
          "port": number | string;
          /**
           * Scheme to use for connecting to the host. Defaults to HTTP.
           */
          "scheme"?: string;
        };
        /**
         * Number of seconds after the container has started before liveness probes are initiated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
         */
        "initialDelaySeconds"?: number;
        /**
         * How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.
         */
        "periodSeconds"?: number;
        /**
         * Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.
         */
        "successThreshold"?: number;
        /**
         * TCPSocket specifies a connection to a TCP port.
         */
        "tcpSocket"?: {
          /**
           * Optional: Host name to connect to, defaults to the pod IP.
           */
          "host"?: string;
          /**
           * Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
           */
          "port": number | string;
        };
        /**
         * Optional duration in seconds the pod needs to terminate gracefully upon probe failure. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this value overrides the value provided by the pod spec. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate. Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.
         */
        "terminationGracePeriodSeconds"?: number;
        /**
         * Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
         */
        "timeoutSeconds"?: number;
      };
      /**
       * Resources resize policy for the container. This field cannot be set on ephemeral containers.
       */
      "resizePolicy"?: Array<{
        /**
         * Name of the resource to which this resource resize policy applies. Supported values: cpu, memory.
         */
        "resourceName": string;
        /**
         * Restart policy to apply when specified resource is resized. If not specified, it defaults to NotRequired.
         */
        "restartPolicy": string;
      }>;
      /**
       * Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
       */
      "resources"?: {
        /**
         * Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.
         * 
         * This field depends on the DynamicResourceAllocation feature gate.
         * 
         * This field is immutable. It can only be set for containers.
         */
        "claims"?: Array<{
          /**
           * Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used. It makes that resource available inside a container.
           */
          "name": string;
          /**
           * Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available, otherwise only the result of this request.
           */
          "request"?: string;
        }>;
        /**
         * Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
         */
        "limits"?: {
          [key: string]: number | string;
        };
        /**
         * Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
         */
        "requests"?: {
          [key: string]: number | string;
        };
      };
      /**
       * RestartPolicy defines the restart behavior of individual containers in a pod. This overrides the pod-level restart policy. When this field is not specified, the restart behavior is defined by the Pod's restart policy and the container type. Additionally, setting the RestartPolicy as "Always" for the init container will have the following effect: this init container will be continually restarted on exit until all regular containers have terminated. Once all regular containers have completed, all init containers with restartPolicy "Always" will be shut down. This lifecycle differs from normal init containers and is often referred to as a "sidecar" container. Although this init container still starts in the init container sequence, it does not wait for the container to complete before proceeding to the next init container. Instead, the next init container starts immediately after this init container is started, or after any startupProbe has successfully completed.
       */
      "restartPolicy"?: string;
      /**
       * Represents a list of rules to be checked to determine if the container should be restarted on exit. The rules are evaluated in order. Once a rule matches a container exit condition, the remaining rules are ignored. If no rule matches the container exit condition, the Container-level restart policy determines the whether the container is restarted or not. Constraints on the rules: - At most 20 rules are allowed. - Rules can have the same action. - Identical rules are not forbidden in validations. When rules are specified, container MUST set RestartPolicy explicitly even it if matches the Pod's RestartPolicy.
       */
      "restartPolicyRules"?: Array<{
        /**
         * Specifies the action taken on a container exit if the requirements are satisfied. The only possible value is "Restart" to restart the container.
         */
        "action": string;
        /**
         * Represents the exit codes to check on container exits.
         */
        "exitCodes"?: {
          /**
           * Represents the relationship between the container exit code(s) and the specified values. Possible values are: - In: the requirement is satisfied if the container exit code is in the
           *   set of specified values.
           * - NotIn: the requirement is satisfied if the container exit code is
           *   not in the set of specified values.
           */
          "operator": string;
          /**
           * Specifies the set of values to check for container exit codes. At most 255 elements are allowed.
           */
          "values"?: Array<number>;
        };
      }>;
      /**
       * SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext. More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
       */
      "securityContext"?: {
        /**
         * AllowPrivilegeEscalation controls whether a process can gain more privileges than its parent process. This bool directly controls if the no_new_privs flag will be set on the container process. AllowPrivilegeEscalation is true always when the container is: 1) run as Privileged 2) has CAP_SYS_ADMIN Note that this field cannot be set when spec.os.name is windows.
         */
        "allowPrivilegeEscalation"?: boolean;
        /**
         * appArmorProfile is the AppArmor options to use by this container. If set, this profile overrides the pod's appArmorProfile. Note that this field cannot be set when spec.os.name is windows.
         */
        "appArmorProfile"?: {
          /**
           * localhostProfile indicates a profile loaded on the node that should be used. The profile must be preconfigured on the node to work. Must match the loaded name of the profile. Must be set if and only if type is "Localhost".
           */
          "localhostProfile"?: string;
          /**
           * type indicates which kind of AppArmor profile will be applied. Valid options are:
           *   Localhost - a profile pre-loaded on the node.
           *   RuntimeDefault - the container runtime's default profile.
           *   Unconfined - no AppArmor enforcement.
           */
          "type": string;
        };
        /**
         * The capabilities to add/drop when running containers. Defaults to the default set of capabilities granted by the container runtime. Note that this field cannot be set when spec.os.name is windows.
         */
        "capabilities"?: {
          /**
           * Added capabilities
           */
          "add"?: Array<string>;
          /**
           * Removed capabilities
           */
          "drop"?: Array<string>;
        };
        /**
         * Run container in privileged mode. Processes in privileged containers are essentially equivalent to root on the host. Defaults to false. Note that this field cannot be set when spec.os.name is windows.
         */
        "privileged"?: boolean;
        /**
         * procMount denotes the type of proc mount to use for the containers. The default value is Default which uses the container runtime defaults for readonly paths and masked paths. Note that this field cannot be set when spec.os.name is windows.
         */
        "procMount"?: string;
        /**
         * Whether this container has a read-only root filesystem. Default is false. Note that this field cannot be set when spec.os.name is windows.
         */
        "readOnlyRootFilesystem"?: boolean;
        /**
         * The GID to run the entrypoint of the container process. Uses runtime default if unset. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.
         */
        "runAsGroup"?: number;
        /**
         * Indicates that the container must run as a non-root user. If true, the Kubelet will validate the image at runtime to ensure that it does not run as UID 0 (root) and fail to start the container if it does. If unset or false, no such validation will be performed. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.
         */
        "runAsNonRoot"?: boolean;
        /**
         * The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified. May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.
         */
        "runAsUser"?: number;
        /**
         * The SELinux context to be applied to the container. If unspecified, the container runtime will allocate a random SELinux context for each container.  May also be set in PodSecurityContext.  If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is windows.
         */
        "seLinuxOptions"?: {
          /**
           * Level is SELinux level label that applies to the container.
           */
          "level"?: string;
          /**
           * Role is a SELinux role label that applies to the container.
           */
          "role"?: string;
          /**
           * Type is a SELinux type label that applies to the container.
           */
          "type"?: string;
          /**
           * User is a SELinux user label that applies to the container.
           */
          "user"?: string;
        };
        /**
         * The seccomp options to use by this container. If seccomp options are provided at both the pod & container level, the container options override the pod options. Note that this field cannot be set when spec.os.name is windows.
         */
        "seccompProfile"?: {
          /**
           * localhostProfile indicates a profile defined in a file on the node should be used. The profile must be preconfigured on the node to work. Must be a descending path, relative to the kubelet's configured seccomp profile location. Must be set if type is "Localhost". Must NOT be set for any other type.
           */
          "localhostProfile"?: string;
          /**
           * type indicates which kind of seccomp profile will be applied. Valid options are:
           * 
           * Localhost - a profile defined in a file on the node should be used. RuntimeDefault - the container runtime default profile should be used. Unconfined - no profile should be applied.
           */
          "type": string;
        };
        /**
         * The Windows specific settings applied to all containers. If unspecified, the options from the PodSecurityContext will be used. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence. Note that this field cannot be set when spec.os.name is linux.
         */
        "windowsOptions"?: {
          /**
           * GMSACredentialSpec is where the GMSA admission webhook (https://github.com/kubernetes-sigs/windows-gmsa) inlines the contents of the GMSA credential spec named by the GMSACredentialSpecName field.
           */
          "gmsaCredentialSpec"?: string;
          /**
           * GMSACredentialSpecName is the name of the GMSA credential spec to use.
           */
          "gmsaCredentialSpecName"?: string;
          /**
           * HostProcess determines if a container should be run as a 'Host Process' container. All of a Pod's containers must have the same effective HostProcess value (it is not allowed to have a mix of HostProcess containers and non-HostProcess containers). In addition, if HostProcess is true then HostNetwork must also be set to true.
           */
          "hostProcess"?: boolean;
          /**
           * The UserName in Windows to run the entrypoint of the container process. Defaults to the user specified in image metadata if unspecified. May also be set in PodSecurityContext. If set in both SecurityContext and PodSecurityContext, the value specified in SecurityContext takes precedence.
           */
          "runAsUserName"?: string;
        };
      };
      /**
       * StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. If this probe fails, the Pod will be restarted, just as if the livenessProbe failed. This can be used to provide different probe parameters at the beginning of a Pod's lifecycle, when it might take a long time to load data or warm a cache, than during steady-state operation. This cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
       */
      "startupProbe"?: {
        /**
         * Exec specifies a command to execute in the container.
         */
        "exec"?: {
          /**
           * Command is the command line to execute inside the container, the working directory for the command  is root ('/') in the container's filesystem. The command is simply exec'd, it is not run inside a shell, so traditional shell instructions ('|', etc) won't work. To use a shell, you need to explicitly call out to that shell. Exit status of 0 is treated as live/healthy and non-zero is unhealthy.
           */
          "command"?: Array<string>;
        };
        /**
         * Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.
         */
        "failureThreshold"?: number;
        /**
         * GRPC specifies a GRPC HealthCheckRequest.
         */
        "grpc"?: {
          /**
           * Port number of the gRPC service. Number must be in the range 1 to 65535.
           */
          "port": number;
          /**
           * Service is the name of the service to place in the gRPC HealthCheckRequest (see https://github.com/grpc/grpc/blob/master/doc/health-checking.md).
           * 
           * If this is not specified, the default behavior is defined by gRPC.
           */
          "service"?: string;
        };
        /**
         * HTTPGet specifies an HTTP GET request to perform.
         */
        "httpGet"?: {
          /**
           * Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.
           */
          "host"?: string;
          /**
           * Custom headers to set in the request. HTTP allows repeated headers.
           */
          "httpHeaders"?: Array<{
            /**
             * The header field name. This will be canonicalized upon output, so case-variant names will be understood as the same header.
             */
            "name": string;
            /**
             * The header field value
             */
            "value": string;
          }>;
          /**
           * Path to access on the HTTP server.
           */
          "path"?: string;
          /**
           * Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
           */
          "port": number | string;
          /**
           * Scheme to use for connecting to the host. Defaults to HTTP.
           */
          "scheme"?: string;
        };
        /**
         * Number of seconds after the container has started before liveness probes are initiated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
         */
        "initialDelaySeconds"?: number;
        /**
         * How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.
         */
        "periodSeconds"?: number;
        /**
         * Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.
         */
        "successThreshold"?: number;
        /**
         * TCPSocket specifies a connection to a TCP port.
         */
        "tcpSocket"?: {
          /**
           * Optional: Host name to connect to, defaults to the pod IP.
           */
          "host"?: string;
          /**
           * Number or name of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
           */
          "port": number | string;
        };
        /**
         * Optional duration in seconds the pod needs to terminate gracefully upon probe failure. The grace period is the duration in seconds after the processes running in the pod are sent a termination signal and the time when the processes are forcibly halted with a kill signal. Set this value longer than the expected cleanup time for your process. If this value is nil, the pod's terminationGracePeriodSeconds will be used. Otherwise, this value overrides the value provided by the pod spec. Value must be non-negative integer. The value zero indicates stop immediately via the kill signal (no opportunity to shut down). This is a beta field and requires enabling ProbeTerminationGracePeriod feature gate. Minimum value is 1. spec.terminationGracePeriodSeconds is used if unset.
         */
        "terminationGracePeriodSeconds"?: number;
        /**
         * Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
         */
        "timeoutSeconds"?: number;
      };
      /**
       * Whether this container should allocate a buffer for stdin in the container runtime. If this is not set, reads from stdin in the container will always result in EOF. Default is false.
       */
      "stdin"?: boolean;
      /**
       * Whether the container runtime should close the stdin channel after it has been opened by a single attach. When stdin is true the stdin stream will remain open across multiple attach sessions. If stdinOnce is set to true, stdin is opened on container start, is empty until the first client attaches to stdin, and then remains open and accepts data until the client disconnects, at which time stdin is closed and remains closed until the container is restarted. If this flag is false, a container processes that reads from stdin will never receive an EOF. Default is false
       */
      "stdinOnce"?: boolean;
      /**
       * Optional: Path at which the file to which the container's termination message will be written is mounted into the container's filesystem. Message written is intended to be brief final status, such as an assertion failure message. Will be truncated by the node if greater than 4096 bytes. The total message length across all containers will be limited to 12kb. Defaults to /dev/termination-log. Cannot be updated.
       */
      "terminationMessagePath"?: string;
      /**
       * Indicate how the termination message should be populated. File will use the contents of terminationMessagePath to populate the container status message on both success and failure. FallbackToLogsOnError will use the last chunk of container log output if the termination message file is empty and the container exited with an error. The log output is limited to 2048 bytes or 80 lines, whichever is smaller. Defaults to File. Cannot be updated.
       */
      "terminationMessagePolicy"?: string;
      /**
       * Whether this container should allocate a TTY for itself, also requires 'stdin' to be true. Default is false.
       */
      "tty"?: boolean;
      /**
       * volumeDevices is the list of block devices to be used by the container.
       */
      "volumeDevices"?: Array<{
        /**
         * devicePath is the path inside of the container that the device will be mapped to.
         */
        "devicePath": string;
        /**
         * name must match the name of a persistentVolumeClaim in the pod
         */
        "name": string;
      }>;
      /**
       * Pod volumes to mount into the container's filesystem. Cannot be updated.
       */
      "volumeMounts"?: Array<{
        /**
         * Path within the container at which the volume should be mounted.  Must not contain ':'.
         */
        "mountPath": string;
        /**
         * mountPropagation determines how mounts are propagated from the host to container and the other way around. When not set, MountPropagationNone is used. This field is beta in 1.10. When RecursiveReadOnly is set to IfPossible or to Enabled, MountPropagation must be None or unspecified (which defaults to None).
         */
        "mountPropagation"?: string;
        /**
         * This must match the Name of a Volume.
         */
        "name": string;
        /**
         * Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false.
         */
        "readOnly"?: boolean;
        /**
         * RecursiveReadOnly specifies whether read-only mounts should be handled recursively.
         * 
         * If ReadOnly is false, this field has no meaning and must be unspecified.
         * 
         * If ReadOnly is true, and this field is set to Disabled, the mount is not made recursively read-only.  If this field is set to IfPossible, the mount is made recursively read-only, if it is supported by the container runtime.  If this field is set to Enabled, the mount is made recursively read-only if it is supported by the container runtime, otherwise the pod will not be started and an error will be generated to indicate the reason.
         * 
         * If this field is set to IfPossible or Enabled, MountPropagation must be set to None (or be unspecified, which defaults to None).
         * 
         * If this field is not specified, it is treated as an equivalent of Disabled.
         */
        "recursiveReadOnly"?: string;
        /**
         * Path within the volume from which the container's volume should be mounted. Defaults to "" (volume's root).
         */
        "subPath"?: string;
        /**
         * Expanded path within the volume from which the container's volume should be mounted. Behaves similarly to SubPath but environment variable references $(VAR_NAME) are expanded using the container's environment. Defaults to "" (volume's root). SubPathExpr and SubPath are mutually exclusive.
         */
        "subPathExpr"?: string;
      }>;
      /**
       * Container's working directory. If not specified, the container runtime's default will be used, which might be configured in the container image. Cannot be updated.
       */
      "workingDir"?: string;
    }>;
    /**
     * Volumes the sidecars need, added to the pod. A volume the pod already has with the same name and the same definition is shared; one with the same name and a different definition leaves the pod uninjected. Containers may also mount the pod's own volumes by name.
     */
    "volumes"?: Array<{
      /**
       * awsElasticBlockStore represents an AWS Disk resource that is attached to a kubelet's host machine and then exposed to the pod. Deprecated: AWSElasticBlockStore is deprecated. All operations for the in-tree awsElasticBlockStore type are redirected to the ebs.csi.aws.com CSI driver. More info: https://kubernetes.io/docs/concepts/storage/volumes#awselasticblockstore
       */
      "awsElasticBlockStore"?: {
        /**
         * fsType is the filesystem type of the volume that you want to mount. Tip: Ensure that the filesystem type is supported by the host operating system. Examples: "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified. More info: https://kubernetes.io/docs/concepts/storage/volumes#awselasticblockstore
         */
        "fsType"?: string;
        /**
         * partition is the partition in the volume that you want to mount. If omitted, the default is to mount by volume name. Examples: For volume /dev/sda1, you specify the partition as "1". Similarly, the volume partition for /dev/sda is "0" (or you can leave the property empty).
         */
        "partition"?: number;
        /**
         * readOnly value true will force the readOnly setting in VolumeMounts. More info: https://kubernetes.io/docs/concepts/storage/volumes#awselasticblockstore
         */
        "readOnly"?: boolean;
        /**
         * volumeID is unique ID of the persistent disk resource in AWS (Amazon EBS volume). More info: https://kubernetes.io/docs/concepts/storage/volumes#awselasticblockstore
         */
        "volumeID": string;
      };
      /**
       * azureDisk represents an Azure Data Disk mount on the host and bind mount to the pod. Deprecated: AzureDisk is deprecated. All operations for the in-tree azureDisk type are redirected to the disk.csi.azure.com CSI driver.
       */
      "azureDisk"?: {
        /**
         * cachingMode is the Host Caching mode: None, Read Only, Read Write.
         */
        "cachingMode"?: string;
        /**
         * diskName is the Name of the data disk in the blob storage
         */
        "diskName": string;
        /**
         * diskURI is the URI of data disk in the blob storage
         */
        "diskURI": string;
        /**
         * fsType is Filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified.
         */
        "fsType"?: string;
        /**
         * kind expected values are Shared: multiple blob disks per storage account  Dedicated: single blob disk per storage account  Managed: azure managed data disk (only in managed availability set). defaults to shared
         */
        "kind"?: string;
        /**
         * readOnly Defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.
         */
        "readOnly"?: boolean;
      };
      /**
       * azureFile represents an Azure File Service mount on the host and bind mount to the pod. Deprecated: AzureFile is deprecated. All operations for the in-tree azureFile type are redirected to the file.csi.azure.com CSI driver.
       */
      "azureFile"?: {
        /**
         * readOnly defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.
         */
        "readOnly"?: boolean;
        /**
         * secretName is the  name of secret that contains Azure Storage Account Name and Key
         */
        "secretName": string;
        /**
         * shareName is the azure share Name
         */
        "shareName": string;
      };
      /**
       * cephFS represents a Ceph FS mount on the host that shares a pod's lifetime. Deprecated: CephFS is deprecated and the in-tree cephfs type is no longer supported.
       */
      "cephfs"?: {
        /**
         * monitors is Required: Monitors is a collection of Ceph monitors More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it
         */
        "monitors": Array<string>;
        /**
         * path is Optional: Used as the mounted root, rather than the full Ceph tree, default is /
         */
        "path"?: string;
        /**
         * readOnly is Optional: Defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts. More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it
         */
        "readOnly"?: boolean;
        /**
         * secretFile is Optional: SecretFile is the path to key ring for User, default is /etc/ceph/user.secret More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it
         */
        "secretFile"?: string;
        /**
         * secretRef is Optional: SecretRef is reference to the authentication secret for User, default is empty. More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it
         */
        "secretRef"?: {
          /**
           * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
           */
          "name"?: string;
        };
        /**
         * user is optional: User is the rados user name, default is admin More info: https://examples.k8s.io/volumes/cephfs/README.md#how-to-use-it
         */
        "user"?: string;
      };
      /**
       * cinder represents a cinder volume attached and mounted on kubelets host machine. Deprecated: Cinder is deprecated. All operations for the in-tree cinder type are redirected to the cinder.csi.openstack.org CSI driver. More info: https://examples.k8s.io/mysql-cinder-pd/README.md
       */
      "cinder"?: {
        /**
         * fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Examples: "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified. More info: https://examples.k8s.io/mysql-cinder-pd/README.md
         */
        "fsType"?: string;
        /**
         * readOnly defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts. More info: https://examples.k8s.io/mysql-cinder-pd/README.md
         */
        "readOnly"?: boolean;
        /**
         * secretRef is optional: points to a secret object containing parameters used to connect to OpenStack.
         */
        "secretRef"?: {
          /**
           * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
           */
          "name"?: string;
        };
        /**
         * volumeID used to identify the volume in cinder. More info: https://examples.k8s.io/mysql-cinder-pd/README.md
         */
        "volumeID": string;
      };
      /**
       * configMap represents a configMap that should populate this volume
       */
      "configMap"?: {
        /**
         * defaultMode is optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.
         */
        "defaultMode"?: number;
        /**
         * items if unspecified, each key-value pair in the Data field of the referenced ConfigMap will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the ConfigMap, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.
         */
        "items"?: Array<{
          /**
           * key is the key to project.
           */
          "key": string;
          /**
           * mode is Optional: mode bits used to set permissions on this file. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.
           */
          "mode"?: number;
          /**
           * path is the relative path of the file to map the key to. May not be an absolute path. May not contain the path element '..'. May not start with the string '..'.
           */
          "path": string;
        }>;
        /**
         * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
         */
        "name"?: string;
        /**
         * optional specify whether the ConfigMap or its keys must be defined
         */
        "optional"?: boolean;
      };
      /**
       * csi (Container Storage Interface) represents ephemeral storage that is handled by certain external CSI drivers.
       */
      "csi"?: {
        /**
         * driver is the name of the CSI driver that handles this volume. Consult with your admin for the correct name as registered in the cluster.
         */
        "driver": string;
        /**
         * fsType to mount. Ex. "ext4", "xfs", "ntfs". If not provided, the empty value is passed to the associated CSI driver which will determine the default filesystem to apply.
         */
        "fsType"?: string;
        /**
         * nodePublishSecretRef is a reference to the secret object containing sensitive information to pass to the CSI driver to complete the CSI NodePublishVolume and NodeUnpublishVolume calls. This field is optional, and  may be empty if no secret is required. If the secret object contains more than one secret, all secret references are passed.
         */
        "nodePublishSecretRef"?: {
          /**
           * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
           */
          "name"?: string;
        };
        /**
         * readOnly specifies a read-only configuration for the volume. Defaults to false (read/write).
         */
        "readOnly"?: boolean;
        /**
         * volumeAttributes stores driver-specific properties that are passed to the CSI driver. Consult your driver's documentation for supported values.
         */
        "volumeAttributes"?: {
          [key: string]: string;
        };
      };
      /**
       * downwardAPI represents downward API about the pod that should populate this volume
       */
      "downwardAPI"?: {
        /**
         * Optional: mode bits to use on created files by default. Must be a Optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.
         */
        "defaultMode"?: number;
        /**
         * Items is a list of downward API volume file
         */
        "items"?: Array<{
          /**
           * Required: Selects a field of the pod: only annotations, labels, name, namespace and uid are supported.
           */
          "fieldRef"?: {
            /**
             * Version of the schema the FieldPath is written in terms of, defaults to "v1".
             */
            "apiVersion"?: string;
            /**
             * Path of the field to select in the specified API version.
             */
            "fieldPath": string;
          };
          /**
           * Optional: mode bits used to set permissions on this file, must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.
           */
          "mode"?: number;
          /**
           * Required: Path is  the relative path name of the file to be created. Must not be absolute or contain the '..' path. Must be utf-8 encoded. The first item of the relative path must not start with '..'
           */
          "path": string;
          /**
           * Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, requests.cpu and requests.memory) are currently supported.
           */
          "resourceFieldRef"?: {
            /**
             * Container name: required for volumes, optional for env vars
             */
            "containerName"?: string;
            /**
             * Specifies the output format of the exposed resources, defaults to "1"
             */
            "divisor"?: number | string;
            /**
             * Required: resource to select
             */
            "resource": string;
          };
        }>;
      };
      /**
       * emptyDir represents a temporary directory that shares a pod's lifetime. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir
       */
      "emptyDir"?: {
        /**
         * medium represents what type of storage medium should back this directory. The default is "" which means to use the node's default medium. Must be an empty string (default) or Memory. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir
         */
        "medium"?: string;
        /**
         * sizeLimit is the total amount of local storage required for this EmptyDir volume. The size limit is also applicable for memory medium. The maximum usage on memory medium EmptyDir would be the minimum value between the SizeLimit specified here and the sum of memory limits of all containers in a pod. The default is nil which means that the limit is undefined. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir
         */
        "sizeLimit"?: number | string;
      };
      /**
       * ephemeral represents a volume that is handled by a cluster storage driver. The volume's lifecycle is tied to the pod that defines it - it will be created before the pod starts, and deleted when the pod is removed.
       * 
       * Use this if: a) the volume is only needed while the pod runs, b) features of normal volumes like restoring from snapshot or capacity
       *    tracking are needed,
       * c) the storage driver is specified through a storage class, and d) the storage driver supports dynamic volume provisioning through
       *    a PersistentVolumeClaim (see EphemeralVolumeSource for more
       *    information on the connection between this volume type
       *    and PersistentVolumeClaim).
       * 
       * Use PersistentVolumeClaim or one of the vendor-specific APIs for volumes that persist for longer than the lifecycle of an individual pod.
       * 
       * Use CSI for light-weight local ephemeral volumes if the CSI driver is meant to be used that way - see the documentation of the driver for more information.
       * 
       * A pod can use both types of ephemeral volumes and persistent volumes at the same time.
       */
      "ephemeral"?: {
        /**
         * Will be used to create a stand-alone PVC to provision the volume. The pod in which this EphemeralVolumeSource is embedded will be the owner of the PVC, i.e. the PVC will be deleted together with the pod.  The name of the PVC will be `<pod name>-<volume name>` where `<volume name>` is the name from the `PodSpec.Volumes` array entry. Pod validation will reject the pod if the concatenated name is not valid for a PVC (for example, too long).
         * 
         * An existing PVC with that name that is not owned by the pod will \*not\* be used for the pod to avoid using an unrelated volume by mistake. Starting the pod is then blocked until the unrelated PVC is removed. If such a pre-created PVC is meant to be used by the pod, the PVC has to updated with an owner reference to the pod once the pod exists. Normally this should not be necessary, but it may be useful when manually reconstructing a broken cluster.
         * 
         * This field is read-only and no changes will be made by Kubernetes to the PVC after it has been created.
         * 
         * Required, must not be nil.
         */
        "volumeClaimTemplate"?: {
          /**
           * May contain labels and annotations that will be copied into the PVC when creating it. No other fields are allowed and will be rejected during validation.
           */
          "metadata"?: {
            /**
             * Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata. They are not queryable and should be preserved when modifying objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations
             */
            "annotations"?: {
              [key: string]: string;
            };
            /**
             * CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.
             * 
             * Populated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata
             */
            "creationTimestamp"?: string;
            /**
             * Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Only set when deletionTimestamp is also set. May only be shortened. Read-only.
             */
            "deletionGracePeriodSeconds"?: number;
            /**
             * DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted. This field is set by the server when a graceful deletion is requested by the user, and is not directly settable by a client. The resource is expected to be deleted (no longer visible from resource lists, and not reachable by name) after the time in this field, once the finalizers list is empty. As long as the finalizers list contains items, deletion is blocked. Once the deletionTimestamp is set, this value may not be unset or be set further into the future, although it may be shortened or the resource may be deleted prior to this time. For example, a user may request that a pod is deleted in 30 seconds. The Kubelet will react by sending a graceful termination signal to the containers in the pod. After that 30 seconds, the Kubelet will send a hard termination signal (SIGKILL) to the container and after cleanup, remove the pod from the API. In the presence of network partitions, this object may still exist after this timestamp, until an administrator or automated process can determine the resource is fully terminated. If not set, graceful deletion of the object has not been requested.
             * 
             * Populated by the system when a graceful deletion is requested. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata
             */
            "deletionTimestamp"?: string;
            /**
             * Must be empty before the object is deleted from the registry. Each entry is an identifier for the responsible component that will remove the entry from the list. If the deletionTimestamp of the object is non-nil, entries in this list can only be removed. Finalizers may be processed and removed in any order.  Order is NOT enforced because it introduces significant risk of stuck finalizers. finalizers is a shared field, any actor with permission can reorder it. If the finalizer list is processed in order, then this can lead to a situation in which the component responsible for the first finalizer in the list is waiting for a signal (field value, external system, or other) produced by a component responsible for a finalizer later in the list, resulting in a deadlock. Without enforced ordering finalizers are free to order amongst themselves and are not vulnerable to ordering changes in the list.
             */
            "finalizers"?: Array<string>;
            /**
             * GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided. If this field is used, the name returned to the client will be different than the name passed. This value will also be combined with a unique suffix. The provided value has the same validation rules as the Name field, and may be truncated by the length of the suffix required to make the value unique on the server.
             * 
             * If this field is specified and the generated name exists, the server will return a 409.
             * 
             * Applied only if Name is not specified. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#idempotency
             */
            "generateName"?: string;
            /**
             * A sequence number representing a specific generation of the desired state. Populated by the system. Read-only.
             */
            "generation"?: number;
            /**
             * Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels
             */
            "labels"?: {
              [key: string]: string;
            };
            /**
             * ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow. This is mostly for internal housekeeping, and users typically shouldn't need to set or understand this field. A workflow can be the user's name, a controller's name, or the name of a specific apply path like "ci-cd". The set of fields is always in the version that the workflow used when modifying the object.
             */
            "managedFields"?: Array<{
              /**
               * APIVersion defines the version of this resource that this field set applies to. The format is "group/version" just like the top-level APIVersion field. It is necessary to track the version of a field set because it cannot be automatically converted.
               */
              "apiVersion"?: string;
              /**
               * FieldsType is the discriminator for the different fields format and version. There is currently only one possible value: "FieldsV1"
               */
              "fieldsType"?: string;
              /**
               * FieldsV1 holds the first JSON version format as described in the "FieldsV1" type.
               */
              "fieldsV1"?: {
              };
              /**
               * Manager is an identifier of the workflow managing these fields.
               */
              "manager"?: string;
              /**
               * Operation is the type of operation which lead to this ManagedFieldsEntry being created. The only valid values for this field are 'Apply' and 'Update'.
               */
              "operation"?: string;
              /**
               * Subresource is the name of the subresource used to update that object, or empty string if the object was updated through the main resource. The value of this field is used to distinguish between managers, even if they share the same name. For example, a status update will be distinct from a regular update using the same manager name. Note that the APIVersion field is not related to the Subresource field and it always corresponds to the version of the main resource.
               */
              "subresource"?: string;
              /**
               * Time is the timestamp of when the ManagedFields entry was added. The timestamp will also be updated if a field is added, the manager changes any of the owned fields value or removes a field. The timestamp does not update when a field is removed from the entry because another manager took it over.
               */
              "time"?: string;
            }>;
            /**
             * Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names
             */
            "name"?: string;
            /**
             * Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the "default" namespace, but "default" is the canonical representation. Not all objects are required to be scoped to a namespace - the value of this field for those objects will be empty.
             * 
             * Must be a DNS_LABEL. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces
             */
            "namespace"?: string;
            /**
             * List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected. If this object is managed by a controller, then an entry in this list will point to this controller, with the controller field set to true. There cannot be more than one managing controller.
             */
            "ownerReferences"?: Array<{
              /**
               * API version of the referent.
               */
              "apiVersion": string;
              /**
               * If true, AND if the owner has the "foregroundDeletion" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed. See https://kubernetes.io/docs/concepts/architecture/garbage-collection/#foreground-deletion for how the garbage collector interacts with this field and enforces the foreground deletion. Defaults to false. To set this field, a user needs "delete" permission of the owner, otherwise 422 (Unprocessable Entity) will be returned.
               */
              "blockOwnerDeletion"?: boolean;
              /**
               * If true, this reference points to the managing controller.
               */
              "controller"?: boolean;
              /**
               * Kind of the referent. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds
               */
              "kind": string;
              /**
               * Name of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names
               */
              "name": string;
              /**
               * UID of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids
               */
              "uid": string;
            }>;
            /**
             * An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed. May be used for optimistic concurrency, change detection, and the watch operation on a resource or set of resources. Clients must treat these values as opaque and passed unmodified back to the server. They may only be valid for a particular resource or set of resources.
             * 
             * Populated by the system. Read-only. Value must be treated as opaque by clients and . More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency
             */
            "resourceVersion"?: string;
            /**
             * Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.
             */
            "selfLink"?: string;
            /**
             * UID is the unique in time and space value for this object. It is typically generated by the server on successful creation of a resource and is not allowed to change on PUT operations.
             * 
             * Populated by the system. Read-only. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids
             */
            "uid"?: string;
          };
          /**
           * The specification for the PersistentVolumeClaim. The entire content is copied unchanged into the PVC that gets created from this template. The same fields as in a PersistentVolumeClaim are also valid here.
           */
          "spec": {
            /**
             * accessModes contains the desired access modes the volume should have. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1
             */
            "accessModes"?: Array<string>;
            /**
             * dataSource field can be used to specify either: \* An existing VolumeSnapshot object (snapshot.storage.k8s.io/VolumeSnapshot) \* An existing PVC (PersistentVolumeClaim) If the provisioner or an external controller can support the specified data source, it will create a new volume based on the contents of the specified data source. When the AnyVolumeDataSource feature gate is enabled, dataSource contents will be copied to dataSourceRef, and dataSourceRef contents will be copied to dataSource when dataSourceRef.namespace is not specified. If the namespace is specified, then dataSourceRef will not be copied to dataSource.
             */
            "dataSource"?: {
              /**
               * APIGroup is the group for the resource being referenced. If APIGroup is not specified, the specified Kind must be in the core API group. For any other third-party types, APIGroup is required.
               */
              "apiGroup"?: string;
              /**
               * Kind is the type of resource being referenced
               */
              "kind": string;
              /**
               * Name is the name of resource being referenced
               */
              "name": string;
            };
            /**
             * dataSourceRef specifies the object from which to populate the volume with data, if a non-empty volume is desired. This may be any object from a non-empty API group (non core object) or a PersistentVolumeClaim object. When this field is specified, volume binding will only succeed if the type of the specified object matches some installed volume populator or dynamic provisioner. This field will replace the functionality of the dataSource field and as such if both fields are non-empty, they must have the same value. For backwards compatibility, when namespace isn't specified in dataSourceRef, both fields (dataSource and dataSourceRef) will be set to the same value automatically if one of them is empty and the other is non-empty. When namespace is specified in dataSourceRef, dataSource isn't set to the same value and must be empty. There are three important differences between dataSource and dataSourceRef: \* While dataSource only allows two specific types of objects, dataSourceRef
             *   allows any non-core object, as well as PersistentVolumeClaim objects.
             * \* While dataSource ignores disallowed values (dropping them), dataSourceRef
             *   preserves all values, and generates an error if a disallowed value is
             *   specified.
             * \* While dataSource only allows local objects, dataSourceRef allows objects
             *   in any namespaces.
             * (Beta) Using this field requires the AnyVolumeDataSource feature gate to be enabled. (Alpha) Using the namespace field of dataSourceRef requires the CrossNamespaceVolumeDataSource feature gate to be enabled.
             */
            "dataSourceRef"?: {
              /**
               * APIGroup is the group for the resource being referenced. If APIGroup is not specified, the specified Kind must be in the core API group. For any other third-party types, APIGroup is required.
               */
              "apiGroup"?: string;
              /**
               * Kind is the type of resource being referenced
               */
              "kind": string;
              /**
               * Name is the name of resource being referenced
               */
              "name": string;
              /**
               * Namespace is the namespace of resource being referenced Note that when a namespace is specified, a gateway.networking.k8s.io/ReferenceGrant object is required in the referent namespace to allow that namespace's owner to accept the reference. See the ReferenceGrant documentation for details. (Alpha) This field requires the CrossNamespaceVolumeDataSource feature gate to be enabled.
               */
              "namespace"?: string;
            };
            /**
             * resources represents the minimum resources the volume should have. Users are allowed to specify resource requirements that are lower than previous value but must still be higher than capacity recorded in the status field of the claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#resources
             */
            "resources"?: {
              /**
               * Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
               */
              "limits"?: {
                [key: string]: number | string;
              };
              /**
               * Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
               */
              "requests"?: {
                [key: string]: number | string;
              };
            };
            /**
             * selector is a label query over volumes to consider for binding.
             */
            "selector"?: {
              /**
               * matchExpressions is a list of label selector requirements. The requirements are ANDed.
               */
              "matchExpressions"?: Array<{
                /**
                 * key is the label key that the selector applies to.
                 */
                "key": string;
                /**
                 * operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
                 */
                "operator": string;
                /**
                 * values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.
                 */
                "values"?: Array<string>;
              }>;
              /**
               * matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.
               */
              "matchLabels"?: {
                [key: string]: string;
              };
            };
            /**
             * storageClassName is the name of the StorageClass required by the claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#class-1
             */
            "storageClassName"?: string;
            /**
             * volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim. If specified, the CSI driver will create or update the volume with the attributes defined in the corresponding VolumeAttributesClass. This has a different purpose than storageClassName, it can be changed after the claim is created. An empty string or nil value indicates that no VolumeAttributesClass will be applied to the claim. If the claim enters an Infeasible error state, this field can be reset to its previous value (including nil) to cancel the modification. If the resource referred to by volumeAttributesClass does not exist, this PersistentVolumeClaim will be set to a Pending state, as reflected by the modifyVolumeStatus field, until such as a resource exists. More info: https://kubernetes.io/docs/concepts/storage/volume-attributes-classes/
             */
            "volumeAttributesClassName"?: string;
            /**
             * volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.
             */
            "volumeMode"?: string;
            /**
             * volumeName is the binding reference to the PersistentVolume backing this claim.
             */
            "volumeName"?: string;
          };
        };
      };
      /**
       * fc represents a Fibre Channel resource that is attached to a kubelet's host machine and then exposed to the pod.
       */
      "fc"?: {
        /**
         * fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified.
         */
        "fsType"?: string;
        /**
         * lun is Optional: FC target lun number
         */
        "lun"?: number;
        /**
         * readOnly is Optional: Defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.
         */
        "readOnly"?: boolean;
        /**
         * targetWWNs is Optional: FC target worldwide names (WWNs)
         */
        "targetWWNs"?: Array<string>;
        /**
         * wwids Optional: FC volume world wide identifiers (wwids) Either wwids or combination of targetWWNs and lun must be set, but not both simultaneously.
         */
        "wwids"?: Array<string>;
      };
      /**
       * flexVolume represents a generic volume resource that is provisioned/attached using an exec based plugin. Deprecated: FlexVolume is deprecated. Consider using a CSIDriver instead.
       */
      "flexVolume"?: {
        /**
         * driver is the name of the driver to use for this volume.
         */
        "driver": string;
        /**
         * fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". The default filesystem depends on FlexVolume script.
         */
        "fsType"?: string;
        /**
         * options is Optional: this field holds extra command options if any.
         */
        "options"?: {
          [key: string]: string;
        };
        /**
         * readOnly is Optional: defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.
         */
        "readOnly"?: boolean;
        /**
         * secretRef is Optional: secretRef is reference to the secret object containing sensitive information to pass to the plugin scripts. This may be empty if no secret object is specified. If the secret object contains more than one secret, all secrets are passed to the plugin scripts.
         */
        "secretRef"?: {
          /**
           * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
           */
          "name"?: string;
        };
      };
      /**
       * flocker represents a Flocker volume attached to a kubelet's host machine. This depends on the Flocker control service being running. Deprecated: Flocker is deprecated and the in-tree flocker type is no longer supported.
       */
      "flocker"?: {
        /**
         * datasetName is Name of the dataset stored as metadata -> name on the dataset for Flocker should be considered as deprecated
         */
        "datasetName"?: string;
        /**
         * datasetUUID is the UUID of the dataset. This is unique identifier of a Flocker dataset
         */
        "datasetUUID"?: string;
      };
      /**
       * gcePersistentDisk represents a GCE Disk resource that is attached to a kubelet's host machine and then exposed to the pod. Deprecated: GCEPersistentDisk is deprecated. All operations for the in-tree gcePersistentDisk type are redirected to the pd.csi.storage.gke.io CSI driver. More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk
       */
      "gcePersistentDisk"?: {
        /**
         * fsType is filesystem type of the volume that you want to mount. Tip: Ensure that the filesystem type is supported by the host operating system. Examples: "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified. More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk
         */
        "fsType"?: string;
        /**
         * partition is the partition in the volume that you want to mount. If omitted, the default is to mount by volume name. Examples: For volume /dev/sda1, you specify the partition as "1". Similarly, the volume partition for /dev/sda is "0" (or you can leave the property empty). More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk
         */
        "partition"?: number;
        /**
         * pdName is unique name of the PD resource in GCE. Used to identify the disk in GCE. More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk
         */
        "pdName": string;
        /**
         * readOnly here will force the ReadOnly setting in VolumeMounts. Defaults to false. More info: https://kubernetes.io/docs/concepts/storage/volumes#gcepersistentdisk
         */
        "readOnly"?: boolean;
      };
      /**
       * gitRepo represents a git repository at a particular revision. Deprecated: GitRepo is deprecated. To provision a container with a git repo, mount an EmptyDir into an InitContainer that clones the repo using git, then mount the EmptyDir into the Pod's container.
       */
      "gitRepo"?: {
        /**
         * directory is the target directory name. Must not contain or start with '..'.  If '.' is supplied, the volume directory will be the git repository.  Otherwise, if specified, the volume will contain the git repository in the subdirectory with the given name.
         */
        "directory"?: string;
        /**
         * repository is the URL
         */
        "repository": string;
        /**
         * revision is the commit hash for the specified revision.
         */
        "revision"?: string;
      };
      /**
       * glusterfs represents a Glusterfs mount on the host that shares a pod's lifetime. Deprecated: Glusterfs is deprecated and the in-tree glusterfs type is no longer supported.
       */
      "glusterfs"?: {
        /**
         * endpoints is the endpoint name that details Glusterfs topology.
         */
        "endpoints": string;
        /**
         * path is the Glusterfs volume path. More info: https://examples.k8s.io/volumes/glusterfs/README.md#create-a-pod
         */
        "path": string;
        /**
         * readOnly here will force the Glusterfs volume to be mounted with read-only permissions. Defaults to false. More info: https://examples.k8s.io/volumes/glusterfs/README.md#create-a-pod
         */
        "readOnly"?: boolean;
      };
      /**
       * hostPath represents a pre-existing file or directory on the host machine that is directly exposed to the container. This is generally used for system agents or other privileged things that are allowed to see the host machine. Most containers will NOT need this. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath
       */
      "hostPath"?: {
        /**
         * path of the directory on the host. If the path is a symlink, it will follow the link to the real path. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath
         */
        "path": string;
        /**
         * type for HostPath Volume Defaults to "" More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath
         */
        "type"?: string;
      };
      /**
       * image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet's host machine. The volume is resolved at pod startup depending on which PullPolicy value is provided:
       * 
       * - Always: the kubelet always attempts to pull the reference. Container creation will fail If the pull fails. - Never: the kubelet never pulls the reference and only uses a local image or artifact. Container creation will fail if the reference isn't present. - IfNotPresent: the kubelet pulls if the reference isn't already present on disk. Container creation will fail if the reference isn't present and the pull fails.
       * 
       * The volume gets re-resolved if the pod gets deleted and recreated, which means that new remote content will become available on pod recreation. A failure to resolve or pull the image during pod startup will block containers from starting and may add significant latency. Failures will be retried using normal volume backoff and will be reported on the pod reason and message. The types of objects that may be mounted by this volume are defined by the container runtime implementation on a host machine and at minimum must include all valid types supported by the container image field. The OCI object gets mounted in a single directory (spec.containers[\*].volumeMounts.mountPath) by merging the manifest layers in the same way as for container images. The volume will be mounted read-only (ro). Sub path mounts for containers are not supported (spec.containers[\*].volumeMounts.subpath) before 1.33. The field spec.securityContext.fsGroupChangePolicy has no effect on this volume type.
       */
      "image"?: {
        /**
         * Policy for pulling OCI objects. Possible values are: Always: the kubelet always attempts to pull the reference. Container creation will fail If the pull fails. Never: the kubelet never pulls the reference and only uses a local image or artifact. Container creation will fail if the reference isn't present. IfNotPresent: the kubelet pulls if the reference isn't already present on disk. Container creation will fail if the reference isn't present and the pull fails. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.
         */
        "pullPolicy"?: string;
        /**
         * Required: Image or artifact reference to be used. Behaves in the same way as pod.spec.containers[\*].image. Pull secrets will be assembled in the same way as for the container image by looking up node credentials, SA image pull secrets, and pod spec image pull secrets. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.
         */
        "reference"?: string;
      };
      /**
       * iscsi represents an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes/#iscsi
       */
      "iscsi"?: {
        /**
         * chapAuthDiscovery defines whether support iSCSI Discovery CHAP authentication
         */
        "chapAuthDiscovery"?: boolean;
        /**
         * chapAuthSession defines whether support iSCSI Session CHAP authentication
         */
        "chapAuthSession"?: boolean;
        /**
         * fsType is the filesystem type of the volume that you want to mount. Tip: Ensure that the filesystem type is supported by the host operating system. Examples: "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified. More info: https://kubernetes.io/docs/concepts/storage/volumes#iscsi
         */
        "fsType"?: string;
        /**
         * initiatorName is the custom iSCSI Initiator Name. If initiatorName is specified with iscsiInterface simultaneously, new iSCSI interface <target portal>:<volume name> will be created for the connection.
         */
        "initiatorName"?: string;
        /**
         * iqn is the target iSCSI Qualified Name.
         */
        "iqn": string;
        /**
         * iscsiInterface is the interface Name that uses an iSCSI transport. Defaults to 'default' (tcp).
         */
        "iscsiInterface"?: string;
        /**
         * lun represents iSCSI Target Lun number.
         */
        "lun": number;
        /**
         * portals is the iSCSI Target Portal List. The portal is either an IP or ip_addr:port if the port is other than default (typically TCP ports 860 and 3260).
         */
        "portals"?: Array<string>;
        /**
         * readOnly here will force the ReadOnly setting in VolumeMounts. Defaults to false.
         */
        "readOnly"?: boolean;
        /**
         * secretRef is the CHAP Secret for iSCSI target and initiator authentication
         */
        "secretRef"?: {
          /**
           * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
           */
          "name"?: string;
        };
        /**
         * targetPortal is iSCSI Target Portal. The Portal is either an IP or ip_addr:port if the port is other than default (typically TCP ports 860 and 3260).
         */
        "targetPortal": string;
      };
      /**
       * name of the volume. Must be a DNS_LABEL and unique within the pod. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
       */
      "name": string;
      /**
       * nfs represents an NFS mount on the host that shares a pod's lifetime More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs
       */
      "nfs"?: {
        /**
         * path that is exported by the NFS server. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs
         */
        "path": string;
        /**
         * readOnly here will force the NFS export to be mounted with read-only permissions. Defaults to false. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs
         */
        "readOnly"?: boolean;
        /**
         * server is the hostname or IP address of the NFS server. More info: https://kubernetes.io/docs/concepts/storage/volumes#nfs
         */
        "server": string;
      };
      /**
       * persistentVolumeClaimVolumeSource represents a reference to a PersistentVolumeClaim in the same namespace. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims
       */
      "persistentVolumeClaim"?: {
        /**
         * claimName is the name of a PersistentVolumeClaim in the same namespace as the pod using this volume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims
         */
        "claimName": string;
        /**
         * readOnly Will force the ReadOnly setting in VolumeMounts. Default false.
         */
        "readOnly"?: boolean;
      };
      /**
       * photonPersistentDisk represents a PhotonController persistent disk attached and mounted on kubelets host machine. Deprecated: PhotonPersistentDisk is deprecated and the in-tree photonPersistentDisk type is no longer supported.
       */
      "photonPersistentDisk"?: {
        /**
         * fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified.
         */
        "fsType"?: string;
        /**
         * pdID is the ID that identifies Photon Controller persistent disk
         */
        "pdID": string;
      };
      /**
       * portworxVolume represents a portworx volume attached and mounted on kubelets host machine. Deprecated: PortworxVolume is deprecated. All operations for the in-tree portworxVolume type are redirected to the pxd.portworx.com CSI driver.
       */
      "portworxVolume"?: {
        /**
         * fSType represents the filesystem type to mount Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs". Implicitly inferred to be "ext4" if unspecified.
         */
        "fsType"?: string;
        /**
         * readOnly defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.
         */
        "readOnly"?: boolean;
        /**
         * volumeID uniquely identifies a Portworx volume
         */
        "volumeID": string;
      };
      /**
       * projected items for all in one resources secrets, configmaps, and downward API
       */
      "projected"?: {
        /**
         * defaultMode are the mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.
         */
        "defaultMode"?: number;
        /**
         * sources is the list of volume projections. Each entry in this list handles one source.
         */
        "sources"?: Array<{
          /**
           * ClusterTrustBundle allows a pod to access the `.spec.trustBundle` field of ClusterTrustBundle objects in an auto-updating file.
           * 
           * Alpha, gated by the ClusterTrustBundleProjection feature gate.
           * 
           * ClusterTrustBundle objects can either be selected by name, or by the combination of signer name and a label selector.
           * 
           * Kubelet performs aggressive normalization of the PEM contents written into the pod filesystem.  Esoteric PEM features such as inter-block comments and block headers are stripped.  Certificates are deduplicated. The ordering of certificates within the file is arbitrary, and Kubelet may change the order over time.
           */
          "clusterTrustBundle"?: {
            /**
             * Select all ClusterTrustBundles that match this label selector.  Only has effect if signerName is set.  Mutually-exclusive with name.  If unset, interpreted as "match nothing".  If set but empty, interpreted as "match everything".
             */
            "labelSelector"?: {
              /**
               * matchExpressions is a list of label selector requirements. The requirements are ANDed.
               */
              "matchExpressions"?: Array<{
                /**
                 * key is the label key that the selector applies to.
                 */
                "key": string;
                /**
                 * operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist.
                 */
                "operator": string;
                /**
                 * values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch.
                 */
                "values"?: Array<string>;
              }>;
              /**
               * matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.
               */
              "matchLabels"?: {
                [key: string]: string;
              };
            };
            /**
             * Select a single ClusterTrustBundle by object name.  Mutually-exclusive with signerName and labelSelector.
             */
            "name"?: string;
            /**
             * If true, don't block pod startup if the referenced ClusterTrustBundle(s) aren't available.  If using name, then the named ClusterTrustBundle is allowed not to exist.  If using signerName, then the combination of signerName and labelSelector is allowed to match zero ClusterTrustBundles.
             */
            "optional"?: boolean;
            /**
             * Relative path from the volume root to write the bundle.
             */
            "path": string;
            /**
             * Select all ClusterTrustBundles that match this signer name. Mutually-exclusive with name.  The contents of all selected ClusterTrustBundles will be unified and deduplicated.
             */
            "signerName"?: string;
          };
          /**
           * configMap information about the configMap data to project
           */
          "configMap"?: {
            /**
             * items if unspecified, each key-value pair in the Data field of the referenced ConfigMap will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the ConfigMap, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.
             */
            "items"?: Array<{
              /**
               * key is the key to project.
               */
              "key": string;
              /**
               * mode is Optional: mode bits used to set permissions on this file. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.
               */
              "mode"?: number;
              /**
               * path is the relative path of the file to map the key to. May not be an absolute path. May not contain the path element '..'. May not start with the string '..'.
               */
              "path": string;
            }>;
            /**
             * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
             */
            "name"?: string;
            /**
             * optional specify whether the ConfigMap or its keys must be defined
             */
            "optional"?: boolean;
          };
          /**
           * downwardAPI information about the downwardAPI data to project
           */
          "downwardAPI"?: {
            /**
             * Items is a list of DownwardAPIVolume file
             */
            "items"?: Array<{
              /**
               * Required: Selects a field of the pod: only annotations, labels, name, namespace and uid are supported.
               */
              "fieldRef"?: {
                /**
                 * Version of the schema the FieldPath is written in terms of, defaults to "v1".
                 */
                "apiVersion"?: string;
                /**
                 * Path of the field to select in the specified API version.
                 */
                "fieldPath": string;
              };
              /**
               * Optional: mode bits used to set permissions on this file, must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.
               */
              "mode"?: number;
              /**
               * Required: Path is  the relative path name of the file to be created. Must not be absolute or contain the '..' path. Must be utf-8 encoded. The first item of the relative path must not start with '..'
               */
              "path": string;
              /**
               * Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, requests.cpu and requests.memory) are currently supported.
               */
              "resourceFieldRef"?: {
                /**
                 * Container name: required for volumes, optional for env vars
                 */
                "containerName"?: string;
                /**
                 * Specifies the output format of the exposed resources, defaults to "1"
                 */
                "divisor"?: number | string;
                /**
                 * Required: resource to select
                 */
                "resource": string;
              };
            }>;
          };
          /**
           * Projects an auto-rotating credential bundle (private key and certificate chain) that the pod can use either as a TLS client or server.
           * 
           * Kubelet generates a private key and uses it to send a PodCertificateRequest to the named signer.  Once the signer approves the request and issues a certificate chain, Kubelet writes the key and certificate chain to the pod filesystem.  The pod does not start until certificates have been issued for each podCertificate projected volume source in its spec.
           * 
           * Kubelet will begin trying to rotate the certificate at the time indicated by the signer using the PodCertificateRequest.Status.BeginRefreshAt timestamp.
           * 
           * Kubelet can write a single file, indicated by the credentialBundlePath field, or separate files, indicated by the keyPath and certificateChainPath fields.
           * 
           * The credential bundle is a single file in PEM format.  The first PEM entry is the private key (in PKCS#8 format), and the remaining PEM entries are the certificate chain issued by the signer (typically, signers will return their certificate chain in leaf-to-root order).
           * 
           * Prefer using the credential bundle format, since your application code can read it atomically.  If you use keyPath and certificateChainPath, your application must make two separate file reads. If these coincide with a certificate rotation, it is possible that the private key and leaf certificate you read may not correspond to each other.  Your application will need to check for this condition, and re-read until they are consistent.
           * 
           * The named signer controls chooses the format of the certificate it issues; consult the signer implementation's documentation to learn how to use the certificates it issues.
           */
          "podCertificate"?: {
            /**
             * Write the certificate chain at this path in the projected volume.
             * 
             * Most applications should use credentialBundlePath.  When using keyPath and certificateChainPath, your application needs to check that the key and leaf certificate are consistent, because it is possible to read the files mid-rotation.
             */
            "certificateChainPath"?: string;
            /**
             * Write the credential bundle at this path in the projected volume.
             * 
             * The credential bundle is a single file that contains multiple PEM blocks. The first PEM block is a PRIVATE KEY block, containing a PKCS#8 private key.
             * 
             * The remaining blocks are CERTIFICATE blocks, containing the issued certificate chain from the signer (leaf and any intermediates).
             * 
             * Using credentialBundlePath lets your Pod's application code make a single atomic read that retrieves a consistent key and certificate chain.  If you project them to separate files, your application code will need to additionally check that the leaf certificate was issued to the key.
             */
            "credentialBundlePath"?: string;
            /**
             * Write the key at this path in the projected volume.
             * 
             * Most applications should use credentialBundlePath.  When using keyPath and certificateChainPath, your application needs to check that the key and leaf certificate are consistent, because it is possible to read the files mid-rotation.
             */
            "keyPath"?: string;
            /**
             * The type of keypair Kubelet will generate for the pod.
             * 
             * Valid values are "RSA3072", "RSA4096", "ECDSAP256", "ECDSAP384", "ECDSAP521", and "ED25519".
             */
            "keyType": string;
            /**
             * maxExpirationSeconds is the maximum lifetime permitted for the certificate.
             * 
             * Kubelet copies this value verbatim into the PodCertificateRequests it generates for this projection.
             * 
             * If omitted, kube-apiserver will set it to 86400(24 hours). kube-apiserver will reject values shorter than 3600 (1 hour).  The maximum allowable value is 7862400 (91 days).
             * 
             * The signer implementation is then free to issue a certificate with any lifetime \*shorter\* than MaxExpirationSeconds, but no shorter than 3600 seconds (1 hour).  This constraint is enforced by kube-apiserver. `kubernetes.io` signers will never issue certificates with a lifetime longer than 24 hours.
             */
            "maxExpirationSeconds"?: number;
            /**
             * Kubelet's generated CSRs will be addressed to this signer.
             */
            "signerName": string;
            /**
             * userAnnotations allow pod authors to pass additional information to the signer implementation.  Kubernetes does not restrict or validate this metadata in any way.
             * 
             * These values are copied verbatim into the `spec.unverifiedUserAnnotations` field of the PodCertificateRequest objects that Kubelet creates.
             * 
             * Entries are subject to the same validation as object metadata annotations, with the addition that all keys must be domain-prefixed. No restrictions are placed on values, except an overall size limitation on the entire field.
             * 
             * Signers should document the keys and values they support. Signers should deny requests that contain keys they do not recognize.
             */
            "userAnnotations"?: {
              [key: string]: string;
            };
          };
          /**
           * secret information about the secret data to project
           */
          "secret"?: {
            /**
             * items if unspecified, each key-value pair in the Data field of the referenced Secret will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the Secret, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.
             */
            "items"?: Array<{
              /**
               * key is the key to project.
               */
              "key": string;
              /**
               * mode is Optional: mode bits used to set permissions on this file. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.
               */
              "mode"?: number;
              /**
               * path is the relative path of the file to map the key to. May not be an absolute path. May not contain the path element '..'. May not start with the string '..'.
               */
              "path": string;
            }>;
            /**
             * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
             */
            "name"?: string;
            /**
             * optional field specify whether the Secret or its key must be defined
             */
            "optional"?: boolean;
          };
          /**
           * serviceAccountToken is information about the serviceAccountToken data to project
           */
          "serviceAccountToken"?: {
            /**
             * audience is the intended audience of the token. A recipient of a token must identify itself with an identifier specified in the audience of the token, and otherwise should reject the token. The audience defaults to the identifier of the apiserver.
             */
            "audience"?: string;
            /**
             * expirationSeconds is the requested duration of validity of the service account token. As the token approaches expiration, the kubelet volume plugin will proactively rotate the service account token. The kubelet will start trying to rotate the token if the token is older than 80 percent of its time to live or if the token is older than 24 hours.Defaults to 1 hour and must be at least 10 minutes.
             */
            "expirationSeconds"?: number;
            /**
             * path is the path relative to the mount point of the file to project the token into.
             */
            "path": string;
          };
        }>;
      };
      /**
       * quobyte represents a Quobyte mount on the host that shares a pod's lifetime. Deprecated: Quobyte is deprecated and the in-tree quobyte type is no longer supported.
       */
      "quobyte"?: {
        /**
         * group to map volume access to Default is no group
         */
        "group"?: string;
        /**
         * readOnly here will force the Quobyte volume to be mounted with read-only permissions. Defaults to false.
         */
        "readOnly"?: boolean;
        /**
         * registry represents a single or multiple Quobyte Registry services specified as a string as host:port pair (multiple entries are separated with commas) which acts as the central registry for volumes
         */
        "registry": string;
        /**
         * tenant owning the given Quobyte volume in the Backend Used with dynamically provisioned Quobyte volumes, value is set by the plugin
         */
        "tenant"?: string;
        /**
         * user to map volume access to Defaults to serivceaccount user
         */
        "user"?: string;
        /**
         * volume is a string that references an already created Quobyte volume by name.
         */
        "volume": string;
      };
      /**
       * rbd represents a Rados Block Device mount on the host that shares a pod's lifetime. Deprecated: RBD is deprecated and the in-tree rbd type is no longer supported.
       */
      "rbd"?: {
        /**
         * fsType is the filesystem type of the volume that you want to mount. Tip: Ensure that the filesystem type is supported by the host operating system. Examples: "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified. More info: https://kubernetes.io/docs/concepts/storage/volumes#rbd
         */
        "fsType"?: string;
        /**
         * image is the rados image name. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it
         */
        "image": string;
        /**
         * keyring is the path to key ring for RBDUser. Default is /etc/ceph/keyring. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it
         */
        "keyring"?: string;
        /**
         * monitors is a collection of Ceph monitors. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it
         */
        "monitors": Array<string>;
        /**
         * pool is the rados pool name. Default is rbd. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it
         */
        "pool"?: string;
        /**
         * readOnly here will force the ReadOnly setting in VolumeMounts. Defaults to false. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it
         */
        "readOnly"?: boolean;
        /**
         * secretRef is name of the authentication secret for RBDUser. If provided overrides keyring. Default is nil. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it
         */
        "secretRef"?: {
          /**
           * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
           */
          "name"?: string;
        };
        /**
         * user is the rados user name. Default is admin. More info: https://examples.k8s.io/volumes/rbd/README.md#how-to-use-it
         */
        "user"?: string;
      };
      /**
       * scaleIO represents a ScaleIO persistent volume attached and mounted on Kubernetes nodes. Deprecated: ScaleIO is deprecated and the in-tree scaleIO type is no longer supported.
       */
      "scaleIO"?: {
        /**
         * fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". Default is "xfs".
         */
        "fsType"?: string;
        /**
         * gateway is the host address of the ScaleIO API Gateway.
         */
        "gateway": string;
        /**
         * protectionDomain is the name of the ScaleIO Protection Domain for the configured storage.
         */
        "protectionDomain"?: string;
        /**
         * readOnly Defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.
         */
        "readOnly"?: boolean;
        /**
         * secretRef references to the secret for ScaleIO user and other sensitive information. If this is not provided, Login operation will fail.
         */
        "secretRef": {
          /**
           * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
           */
          "name"?: string;
        };
        /**
         * sslEnabled Flag enable/disable SSL communication with Gateway, default false
         */
        "sslEnabled"?: boolean;
        /**
         * storageMode indicates whether the storage for a volume should be ThickProvisioned or ThinProvisioned. Default is ThinProvisioned.
         */
        "storageMode"?: string;
        /**
         * storagePool is the ScaleIO Storage Pool associated with the protection domain.
         */
        "storagePool"?: string;
        /**
         * system is the name of the storage system as configured in ScaleIO.
         */
        "system": string;
        /**
         * volumeName is the name of a volume already created in the ScaleIO system that is associated with this volume source.
         */
        "volumeName"?: string;
      };
      /**
       * secret represents a secret that should populate this volume. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret
       */
      "secret"?: {
        /**
         * defaultMode is Optional: mode bits used to set permissions on created files by default. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. Defaults to 0644. Directories within the path are not affected by this setting. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.
         */
        "defaultMode"?: number;
        /**
         * items If unspecified, each key-value pair in the Data field of the referenced Secret will be projected into the volume as a file whose name is the key and content is the value. If specified, the listed keys will be projected into the specified paths, and unlisted keys will not be present. If a key is specified which is not present in the Secret, the volume setup will error unless it is marked optional. Paths must be relative and may not contain the '..' path or start with '..'.
         */
        "items"?: Array<{
          /**
           * key is the key to project.
           */
          "key": string;
          /**
           * mode is Optional: mode bits used to set permissions on this file. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511. YAML accepts both octal and decimal values, JSON requires decimal values for mode bits. If not specified, the volume defaultMode will be used. This might be in conflict with other options that affect the file mode, like fsGroup, and the result can be other mode bits set.
           */
          "mode"?: number;
          /**
           * path is the relative path of the file to map the key to. May not be an absolute path. May not contain the path element '..'. May not start with the string '..'.
           */
          "path": string;
        }>;
        /**
         * optional field specify whether the Secret or its keys must be defined
         */
        "optional"?: boolean;
        /**
         * secretName is the name of the secret in the pod's namespace to use. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret
         */
        "secretName"?: string;
      };
      /**
       * storageOS represents a StorageOS volume attached and mounted on Kubernetes nodes. Deprecated: StorageOS is deprecated and the in-tree storageos type is no longer supported.
       */
      "storageos"?: {
        /**
         * fsType is the filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified.
         */
        "fsType"?: string;
        /**
         * readOnly defaults to false (read/write). ReadOnly here will force the ReadOnly setting in VolumeMounts.
         */
        "readOnly"?: boolean;
        /**
         * secretRef specifies the secret to use for obtaining the StorageOS API credentials.  If not specified, default values will be attempted.
         */
        "secretRef"?: {
          /**
           * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
           */
          "name"?: string;
        };
        /**
         * volumeName is the human-readable name of the StorageOS volume.  Volume names are only unique within a namespace.
         */
        "volumeName"?: string;
        /**
         * volumeNamespace specifies the scope of the volume within StorageOS.  If no namespace is specified then the Pod's namespace will be used.  This allows the Kubernetes name scoping to be mirrored within StorageOS for tighter integration. Set VolumeName to any name to override the default behaviour. Set to "default" if you are not using namespaces within StorageOS. Namespaces that do not pre-exist within StorageOS will be created.
         */
        "volumeNamespace"?: string;
      };
      /**
       * vsphereVolume represents a vSphere volume attached and mounted on kubelets host machine. Deprecated: VsphereVolume is deprecated. All operations for the in-tree vsphereVolume type are redirected to the csi.vsphere.vmware.com CSI driver.
       */
      "vsphereVolume"?: {
        /**
         * fsType is filesystem type to mount. Must be a filesystem type supported by the host operating system. Ex. "ext4", "xfs", "ntfs". Implicitly inferred to be "ext4" if unspecified.
         */
        "fsType"?: string;
        /**
         * storagePolicyID is the storage Policy Based Management (SPBM) profile ID associated with the StoragePolicyName.
         */
        "storagePolicyID"?: string;
        /**
         * storagePolicyName is the storage Policy Based Management (SPBM) profile name.
         */
        "storagePolicyName"?: string;
        /**
         * volumePath is the path that identifies vSphere volume vmdk
         */
        "volumePath": string;
      };
    }>;
    /**
     * Secrets (in the pod's namespace) for pulling the sidecar images, added to the pod's imagePullSecrets unless it already lists them.
     */
    "imagePullSecrets"?: Array<{
      /**
       * Name of the referent. This field is effectively required, but due to backwards compatibility is allowed to be empty. Instances of this type with an empty value here are almost certainly wrong. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
       */
      "name"?: string;
    }>;
    /**
     * Labels and annotations added to injected pods. A key the pod already has keeps the pod's value. Keys under tandem.dev/ are reserved for Tandem.
     */
    "podMetadata"?: {
      /**
       * Labels to add to the pod.
       */
      "labels"?: {
        [key: string]: string;
      };
      /**
       * Annotations to add to the pod.
       */
      "annotations"?: {
        [key: string]: string;
      };
    };
    /**
     * Per-pod overrides: pod annotations that app teams may set to change this set's containers in their pod (a proxy's excluded ports, a sidecar's memory limit), each checked against a format the set declares. A pod without the annotation gets the container as declared. A pod whose annotation has an invalid value is rejected, with a message naming the annotation, rather than injected with the value ignored.
     */
    "overrides"?: Array<{
      /**
       * The pod annotation that carries the value: a qualified name with a prefix of your own, such as proxy.example.com/exclude-outbound-ports. Keys under tandem.dev/ are reserved for Tandem.
       */
      "annotation": string;
      /**
       * The container or init container of this set that the value changes.
       */
      "container": string;
      /**
       * An environment variable of that container that takes the annotation's value: the declared value is replaced, or the variable is added when the container does not declare it. Declare it with a default value to have one when the annotation is absent; command and args see it as $(NAME).
       */
      "env"?: string;
      /**
       * A resource request or limit of that container that takes the annotation's value, a Kubernetes quantity. A pod whose request would exceed its limit is rejected.
       */
      "resource"?: "requests.cpu" | "requests.memory" | "requests.ephemeral-storage" | "limits.cpu" | "limits.memory" | "limits.ephemeral-storage";
      /**
       * The values the annotation accepts. PortList, comma-separated port numbers (1-65535), may be empty; CIDRList, comma-separated IPv4 or IPv6 CIDRs such as 10.0.0.0/8, may be empty; Quantity, a non-negative Kubernetes quantity such as 250m or 512Mi; Integer, a non-negative integer; Boolean, true or false. Spaces after commas are dropped.
       */
      "format"?: "PortList" | "CIDRList" | "Quantity" | "Integer" | "Boolean";
      /**
       * The largest value accepted, for resource overrides and the formats Quantity and Integer: a cap the platform team sets on what app teams may ask for.
       */
      "maximum"?: string;
    }>;
    /**
     * Whether the sidecars need to see the application's processes (for example to signal it after a configuration reload). When true (the default) Tandem sets shareProcessNamespace: true on pods that do not set it, and leaves uninjected the pods that cannot share one (shareProcessNamespace: false, hostPID, Windows). When false the pod's setting is left alone.
     */
    "shareProcessNamespace"?: boolean;
    /**
     * The operating systems the set's containers run on. A pod is a Windows pod when its spec.os.name is windows, or its nodeSelector or every term of its required node affinity pins kubernetes.io/os to windows; every other pod is a Linux pod. A set is injected only into pods of an operating system listed here (others are skipped with the reason UnsupportedOS), so Linux sidecars never land in Windows pods. A set listing windows must also have shareProcessNamespace: false, since Windows pods cannot share a process namespace.
     */
    "supportedOS"?: Array<"linux" | "windows">;
    /**
     * Stops injecting this set into new pods. Pods injected already keep their sidecars and are still updated (see updateStrategy.paused).
     */
    "paused"?: boolean;
    /**
     * How pods that already carry an older revision of this set are brought up to date when the set changes.
     */
    "updateStrategy"?: {
      /**
       * RollingUpdate (the default) updates injected pods a few at a time, as maxUnavailable and partition allow: when only sidecar images changed, the controller patches the images of running pods in place (the kubelet restarts just those containers); pods that need any other change are left alone and reported as outdated. RestartWorkloads does the same, and also restarts the Deployment, StatefulSet or DaemonSet that owns a pod which cannot be upgraded in place or missed its injection (the pod-template annotation tandem.dev/restartedAt, as kubectl rollout restart does), one workload at a time within maxUnavailable, so the recreated pods are injected afresh. NotUpdate never touches injected pods: they pick up the new revision only when they are recreated.
       */
      "type"?: "RollingUpdate" | "RestartWorkloads" | "NotUpdate";
      /**
       * The most injected pods that may be unavailable because of this set's update at any time: an absolute number (>= 0) or a percentage of the matched pods from 0% to 100%, such as 10%. Defaults to 1.
       */
      "maxUnavailable"?: number | string;
      /**
       * How many injected pods (an absolute number >= 0, or a percentage of the matched pods from 0% to 100%) to keep on their current revision: the rolling update stops when only that many old pods are left. Lower it step by step for a canary rollout. Absent means 0: update every pod. Not allowed with type NotUpdate.
       */
      "partition"?: number | string;
      /**
       * Pauses the rolling update: injected pods are left on the revision they have. New pods are still injected with the current revision (see spec.paused to stop that).
       */
      "paused"?: boolean;
    };
  };
  /**
   * Observed state of the set, written by the Tandem controller.
   */
  "status"?: {
    /**
     * The metadata.generation of the SidecarSet that this status describes.
     */
    "observedGeneration"?: number;
    /**
     * Pods that the selectors currently match, injected or not.
     */
    "matchedPods"?: number;
    /**
     * Matched pods that carry this set, at any revision.
     */
    "injectedPods"?: number;
    /**
     * Injected pods that carry the current revision of this set.
     */
    "updatedPods"?: number;
    /**
     * Injected pods whose Ready condition is True.
     */
    "readyPods"?: number;
    /**
     * Injected pods that carry the current revision and are ready.
     */
    "updatedReadyPods"?: number;
    /**
     * Matched pods that opted in to this set but do not carry it, for example because they were created while the webhook was unavailable (failurePolicy Ignore) or before the set existed. With updateStrategy.type RestartWorkloads their workloads are restarted so they get it.
     */
    "missedPods"?: number;
    /**
     * Injected pods that carry an older revision of this set and cannot be upgraded in place, because more than sidecar images changed since they were injected. They are updated only when recreated (updateStrategy.type RestartWorkloads does that).
     */
    "outdatedPods"?: number;
    /**
     * Standard conditions of the set, one per type, such as Ready. See https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#typical-status-properties
     */
    "conditions"?: Array<{
      /**
       * lastTransitionTime is the last time the condition transitioned from one status to another. This should be when the underlying condition changed.  If that is not known, then using the time when the API field changed is acceptable.
       */
      "lastTransitionTime": string;
      /**
       * message is a human readable message indicating details about the transition. This may be an empty string.
       */
      "message": string;
      /**
       * observedGeneration represents the .metadata.generation that the condition was set based upon. For instance, if .metadata.generation is currently 12, but the .status.conditions[x].observedGeneration is 9, the condition is out of date with respect to the current state of the instance.
       */
      "observedGeneration"?: number;
      /**
       * reason contains a programmatic identifier indicating the reason for the condition's last transition. Producers of specific condition types may define expected values and meanings for this field, and whether the values are considered a guaranteed API. The value should be a CamelCase string. This field may not be empty.
       */
      "reason": string;
      /**
       * status of the condition, one of True, False, Unknown.
       */
      "status": "True" | "False" | "Unknown";
      /**
       * type of condition in CamelCase or in foo.example.com/CamelCase.
       */
      "type": string;
    }>;
  };
}

/**
 * SidecarSet adds the same sidecar containers, init containers, volumes and pod metadata to every pod that its selectors match, when the pod is created, and keeps already injected pods up to date according to its update strategy.
 */
export class SidecarSet extends Model<ISidecarSet> implements ISidecarSet {
  declare "apiVersion": ISidecarSet["apiVersion"];
  declare "kind": ISidecarSet["kind"];
  declare "metadata"?: ISidecarSet["metadata"];
  declare "spec": ISidecarSet["spec"];
  declare "status"?: ISidecarSet["status"];

static apiVersion: ISidecarSet["apiVersion"] = "tandem.dev/v1alpha1";
static kind: ISidecarSet["kind"] = "SidecarSet";
static is = createTypeMetaGuard<ISidecarSet>(SidecarSet);

constructor(data?: ModelData<ISidecarSet>) {
  super();

  this.setDefinedProps({
    apiVersion: SidecarSet.apiVersion,
    kind: SidecarSet.kind,
    ...data
  } as ISidecarSet);
}
}


setValidateFunc(SidecarSet, validate as ValidateFunc<ISidecarSet>);
