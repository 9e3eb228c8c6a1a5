// generated from operator/reloader/reloader-config.schema.json by scripts/gen-reloader-validator.ts, do not edit
import type { ErrorObject } from 'ajv';

/** The schema's validator; after a false result, its errors are on validateReloaderConfig.errors. */
export declare const validateReloaderConfig: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
