// Stand-in for modules that only guard against the wrong environment (e.g. `server-only`,
// which throws outside React Server Components): tests import server code directly.
export {};
