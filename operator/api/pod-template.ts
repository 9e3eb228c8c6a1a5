import type { IObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IVolume } from 'kubernetes-models/v1/Volume';

export type { IContainer as Container, IObjectMeta as ObjectMeta, IPodSpec as PodSpec, IVolume as Volume };

/**
 * The part of a Pod that injection reads and writes: a Pod and a workload's
 * PodTemplateSpec both have this shape, so one engine serves the webhook
 * (Pods) and the CLI (templates inside Deployments, Jobs, CronJobs...).
 */
export interface PodTemplate {
  metadata?: IObjectMeta;
  spec?: IPodSpec;
}
