import type { z } from 'zod';
import type { ServiceName } from './services';
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
  return Object.freeze(definition);
}
