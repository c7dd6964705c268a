// Request Header (Version: 1) => request_api_key request_api_version correlation_id client_id
//   request_api_key => INT16
//   request_api_version => INT16
//   correlation_id => INT32
//   client_id => NULLABLE_STRING
//
// Response Header (Version: 0) => correlation_id
//   correlation_id => INT32
//
// Flexible requests (librdkafka's opening ApiVersions v3) use header v2: the same four fields
// followed by tagged fields. Reading the first four is enough to answer UNSUPPORTED_VERSION.

import {
  type Infer,
  int16,
  int32,
  nullableString,
  type Reader,
  struct,
  type Writer,
} from './primitives';

export const requestHeaderV1 = struct({
  apiKey: int16,
  apiVersion: int16,
  correlationId: int32,
  clientId: nullableString,
});

export type RequestHeader = Infer<typeof requestHeaderV1>;

/** Reads the header at the start of a frame body, leaving `reader` at the request body. */
export function decodeRequestHeader(reader: Reader): RequestHeader {
  return requestHeaderV1.read(reader);
}

export function encodeRequestHeader(writer: Writer, header: RequestHeader): void {
  requestHeaderV1.write(writer, header);
}

/** Response header v0, the only one the broker's (non-flexible) versions use. */
export function encodeResponseHeader(writer: Writer, correlationId: number): void {
  writer.int32(correlationId);
}
