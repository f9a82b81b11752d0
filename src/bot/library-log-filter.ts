/**
 * botframework-connector prints the signing key it tried (and the error) with console.error when a
 * JWT fails validation. Our endpoint already logs the refusal without key material, so those lines
 * are dropped here; everything else reaches the console unchanged.
 */
const dropped = [/^Error finding key for token/];

let installed = false;

export function filterLibraryConsoleErrors(): void {
  if (installed) return;
  installed = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' && dropped.some((pattern) => pattern.test(first))) return;
    original(...args);
  };
}
