declare module "@remix-run/node" {
  interface AppLoadContext {
    /** id of the HTTP request, repeated in its log line and in audit rows */
    requestId: string;
    /** the client's address (first X-Forwarded-For hop when TRUST_PROXY=true) */
    clientIp: string | null;
    /** nonce for inline scripts allowed by the Content-Security-Policy */
    cspNonce: string;
  }
}

export {};
