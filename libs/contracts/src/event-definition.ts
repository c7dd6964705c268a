import type { z } from 'zod';
import { type ServiceName, topicReaders } from './services';
import type { TopicName } from './topics';

/** Everything there is to know about one event type: the single source for code and docs. */
export interface EventDefinition<
  TType extends string = string,
  TPayload extends z.ZodType = z.ZodType,
> {
  type: TType;
  version: number;
  topic: TopicName;
  producer: ServiceName;
  /**
   * The services that consume it: the ones named here plus those that read its whole topic
   * (`readsTopics` in services.ts), added by defineEvent.
   */
  consumers: readonly ServiceName[];
  description: string;
  payload: TPayload;
  /** The Kafka message key: events about one order share a partition and so keep their order. */
  keyOf(payload: z.infer<TPayload>): string;
  example: z.infer<TPayload>;
}

export function defineEvent<const TType extends string, TPayload extends z.ZodType>(
  definition: EventDefinition<TType, TPayload>,
): EventDefinition<TType, TPayload> {
  const checked = definition.payload.safeParse(definition.example);
  if (!checked.success) {
    throw new Error(`The example of ${definition.type} does not match its schema`);
  }
  const readers = topicReaders(definition.topic).filter(
    (service) => !definition.consumers.includes(service),
  );
  return Object.freeze({ ...definition, consumers: [...definition.consumers, ...readers] });
}
