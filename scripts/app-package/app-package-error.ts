/** Why the app package could not be built; the message is one line, fit for a terminal. */
export type AppPackageErrorReason = 'missingPlaceholderValue' | 'invalidManifest' | 'invalidLocalization' | 'missingFile';

export class AppPackageError extends Error {
  constructor(
    readonly reason: AppPackageErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'AppPackageError';
  }
}
