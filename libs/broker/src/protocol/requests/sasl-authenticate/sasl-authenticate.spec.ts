import { ProtocolError } from '../../primitives';
import {
  bytes,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  frame,
  int16,
  int64,
  nullString,
  requestRoundTrip,
  responseRoundTrip,
  string,
  versionsOf,
} from '../codec-test-kit';
import {
  saslAuthenticateApi,
  type SaslAuthenticateRequest,
  type SaslAuthenticateResponse,
} from './index';

const token = Buffer.from('n,,n=alice,r=abc');
const request: SaslAuthenticateRequest = { authBytes: token };

const serverFirst = Buffer.from('r=abcdef,s=c2FsdA==,i=4096');
const response: SaslAuthenticateResponse = {
  errorCode: 0,
  errorMessage: null,
  authBytes: serverFirst,
  sessionLifetimeMs: 0,
};
const failure: SaslAuthenticateResponse = {
  errorCode: 58,
  errorMessage: 'Authentication failed',
  authBytes: Buffer.alloc(0),
  sessionLifetimeMs: 0,
};

const requestBytes = bytes(token);
const responseBytes: Record<number, Buffer> = {
  0: frame(int16(0), nullString, bytes(serverFirst)),
  1: frame(int16(0), nullString, bytes(serverFirst), int64(0)),
};
const failureBytes: Record<number, Buffer> = {
  0: frame(int16(58), string('Authentication failed'), bytes(Buffer.alloc(0))),
  1: frame(int16(58), string('Authentication failed'), bytes(Buffer.alloc(0)), int64(0)),
};

describe('SaslAuthenticate codecs', () => {
  it('implements v0-1', () => {
    expect(versionsOf(saslAuthenticateApi)).toEqual([0, 1]);
  });

  it.each(versionsOf(saslAuthenticateApi))('v%i round-trips whole', (version) => {
    expect(requestRoundTrip(saslAuthenticateApi, version, request)).toEqual(request);
    expect(responseRoundTrip(saslAuthenticateApi, version, response)).toEqual(response);
    expect(responseRoundTrip(saslAuthenticateApi, version, failure)).toEqual(failure);
  });

  it.each(versionsOf(saslAuthenticateApi))('v%i matches the grammar byte for byte', (version) => {
    expect(encodeRequest(saslAuthenticateApi, version, request)).toEqual(requestBytes);
    expect(decodeRequest(saslAuthenticateApi, version, requestBytes)).toEqual(request);
    expect(encodeResponse(saslAuthenticateApi, version, response)).toEqual(responseBytes[version]);
    expect(decodeResponse(saslAuthenticateApi, version, responseBytes[version] as Buffer)).toEqual(
      response,
    );
    expect(encodeResponse(saslAuthenticateApi, version, failure)).toEqual(failureBytes[version]);
  });

  it('refuses a token longer than the frame', () => {
    expect(() => decodeRequest(saslAuthenticateApi, 1, requestBytes.subarray(0, -1))).toThrow(
      ProtocolError,
    );
  });
});
