// The error for values kustomize cannot print.

/** A value kustomize could not print (it fails the build the same way). */
export class YamlWriteError extends Error {
  readonly path: (string | number)[];
  constructor(message: string, path: (string | number)[]) {
    super(path.length ? `${message} at ${path.join('.')}` : message);
    this.name = 'YamlWriteError';
    this.path = [...path];
  }
}

