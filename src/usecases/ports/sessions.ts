/** Sign-ins to the office console, as the use cases that change who a person is see them. */
export interface ConsoleSessionRepo {
  /** Ends every console session of the person at once; how many there were. */
  endAllOf(personId: string): Promise<number>;
}
