/**
 * tarteaucitron's services and the cookie names each covers, compiled at build time (scripts/data/tarteaucitron.mjs).
 */
declare module 'virtual:tarteaucitron-services' {
  const services: Readonly<Record<string, readonly string[]>>;
  export default services;
}
