/**
 * @module broker-crm/http
 * The HTTP API: mount it in your own server or serve it alone.
 */
export { createHttpApi, type HttpApiOptions } from './app.ts';
export { defineRoute, type AnyRoute, type RouteSpec, type RouteArgs } from './route.ts';
export type { HttpEnv } from './env.ts';
/** Serving the API alone (what `broker-crm start` does): the app with widgets and examples, on Node's server. */
export { createServerApp, linkToServedPages, type ServerAppOptions } from './server-app.ts';
export { serve } from '@hono/node-server';
/** Shutting the server down without dropping a request (what `broker-crm serve` does on SIGTERM). */
export { drainable, type Drainable } from './graceful.ts';
export { clientAddress, trustedProxies, trustedProxiesFromEnv } from './client-address.ts';
