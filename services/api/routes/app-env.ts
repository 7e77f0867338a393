/** Hono context variables set by the app's middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** A fingerprint of the API key that passed authentication (never the key itself). */
    apiKeyId?: string;
  };
}
