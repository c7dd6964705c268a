import { commonProtocols, selectProtocol } from './select-protocol';

const member = (...names: string[]) => ({
  protocols: names.map((name) => ({ name, metadata: Buffer.alloc(0) })),
});

describe('selectProtocol', () => {
  it('picks the protocol most members prefer among those all support', () => {
    const members = [
      member('range', 'roundrobin'),
      member('roundrobin', 'range'),
      member('roundrobin'),
    ];
    expect(commonProtocols(members)).toEqual(['roundrobin']);
    expect(selectProtocol(members)).toBe('roundrobin');
    expect(selectProtocol([member('a', 'b'), member('b', 'a'), member('b', 'a')])).toBe('b');
  });

  it('breaks ties by the first member’s preference', () => {
    expect(selectProtocol([member('a', 'b'), member('b', 'a')])).toBe('a');
  });

  it('finds nothing when the members share no protocol', () => {
    expect(selectProtocol([member('a'), member('b')])).toBeUndefined();
    expect(selectProtocol([])).toBeUndefined();
  });
});
