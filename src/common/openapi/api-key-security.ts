/** The name of the `X-API-Key` security scheme in the OpenAPI document. */
export const API_KEY_SECURITY = 'ApiKey';
