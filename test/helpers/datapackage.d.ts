// The few calls the tests make of `datapackage` (frictionlessdata/datapackage-js), which ships no types.
declare module 'datapackage' {
  interface Resource {
    read(options: { cast: boolean }): Promise<unknown[][]>;
  }
  interface Package {
    valid: boolean;
    errors: Error[];
    resources: Resource[];
    getResource(name: string): Resource;
  }
  const datapackage: {
    Package: { load(descriptor: string | object, options?: { basePath?: string }): Promise<Package> };
  };
  export default datapackage;
}
