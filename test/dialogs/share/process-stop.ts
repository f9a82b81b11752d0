/** Thrown from a test seam to play a process that stops at that point: nothing after it runs. */
export class ProcessStop extends Error {
  constructor() {
    super('process stopped (test)');
    this.name = 'ProcessStop';
  }
}
