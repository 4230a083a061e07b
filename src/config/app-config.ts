import { EnvironmentVariables } from './environment.variables';

/**
 * Injection token and type of the validated settings. Providers inject `AppConfig` and read
 * typed fields; nothing else touches `process.env`.
 */
export abstract class AppConfig extends EnvironmentVariables {}
