import { ProtocolError } from '../../primitives';
import {
  array,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  frame,
  int16,
  requestRoundTrip,
  responseRoundTrip,
  string,
  versionsOf,
} from '../codec-test-kit';
import { saslHandshakeApi, type SaslHandshakeRequest, type SaslHandshakeResponse } from './index';

const request: SaslHandshakeRequest = { mechanism: 'SCRAM-SHA-256' };
const response: SaslHandshakeResponse = {
  errorCode: 0,
  mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
};

const requestBytes = string('SCRAM-SHA-256');
const responseBytes = frame(
  int16(0),
  array(string('PLAIN'), string('SCRAM-SHA-256'), string('SCRAM-SHA-512')),
);

describe('SaslHandshake codecs', () => {
  it('implements v0-1', () => {
    expect(versionsOf(saslHandshakeApi)).toEqual([0, 1]);
  });

  it.each(versionsOf(saslHandshakeApi))('v%i round-trips whole', (version) => {
    expect(requestRoundTrip(saslHandshakeApi, version, request)).toEqual(request);
    expect(responseRoundTrip(saslHandshakeApi, version, response)).toEqual(response);
  });

  // v1 only changes what follows the handshake (SaslAuthenticate instead of bare tokens).
  it.each(versionsOf(saslHandshakeApi))('v%i matches the grammar byte for byte', (version) => {
    expect(encodeRequest(saslHandshakeApi, version, request)).toEqual(requestBytes);
    expect(decodeRequest(saslHandshakeApi, version, requestBytes)).toEqual(request);
    expect(encodeResponse(saslHandshakeApi, version, response)).toEqual(responseBytes);
    expect(decodeResponse(saslHandshakeApi, version, responseBytes)).toEqual(response);
  });

  it('refuses a truncated request', () => {
    expect(() => decodeRequest(saslHandshakeApi, 1, requestBytes.subarray(0, -1))).toThrow(
      ProtocolError,
    );
  });
});
