/** An event that breaks its contract: a producer bug, or a poison message on the consumer side. */
export class EventContractError extends Error {
  override readonly name = 'EventContractError';
}
