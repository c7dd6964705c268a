import type { Codec } from './primitives/schema';
import type { Reader } from './primitives/reader';
import type { Writer } from './primitives/writer';

/** The grammar of one version of one API: its request and its response. */
export interface ApiVersionCodecs {
  request: Codec<unknown>;
  response: Codec<unknown>;
}

/**
 * One API across the versions the broker implements. Handlers see one request type `Req` (the
 * newest shape: an older version's grammar reads the fields it lacks as `absent(default)`) and
 * build one response type `Res` (the newest shape; an older version's encoder writes only its
 * own fields).
 */
export interface ApiDefinition<Req, Res> {
  key: number;
  name: string;
  minVersion: number;
  maxVersion: number;
  decodeRequest(version: number, reader: Reader): Req;
  encodeResponse(version: number, writer: Writer, response: Res): void;
  /** Codecs per version, for tests and fuzzing. */
  versions: Readonly<Record<number, ApiVersionCodecs>>;
}

/**
 * What every version of an API must do with the handlers' types: read a request into the newest
 * shape and write the newest response shape (property-typed, so TypeScript checks the parameter
 * strictly: an older response grammar that cannot write what the handler builds is a type error).
 */
interface VersionGrammar<Req, Res> {
  request: { read: (reader: Reader) => Req; readonly minSize: number };
  response: { write: (writer: Writer, value: Res) => void; readonly minSize: number };
}

export function defineApi<Req, Res>(spec: {
  key: number;
  name: string;
  versions: Record<number, VersionGrammar<Req, Res> & ApiVersionCodecs>;
}): ApiDefinition<Req, Res> {
  const numbers = Object.keys(spec.versions).map(Number);
  const minVersion = Math.min(...numbers);
  const maxVersion = Math.max(...numbers);
  const codecs = (version: number): VersionGrammar<Req, Res> => {
    const found = spec.versions[version];
    if (!found) throw new RangeError(`${spec.name} v${version} is not implemented`);
    return found;
  };
  return {
    key: spec.key,
    name: spec.name,
    minVersion,
    maxVersion,
    versions: spec.versions,
    decodeRequest(version, reader) {
      return codecs(version).request.read(reader);
    },
    encodeResponse(version, writer, response) {
      codecs(version).response.write(writer, response);
    },
  };
}
