import { parseTokenArgs } from './token-args';

describe('npm run token arguments', () => {
  it('mints a customer or an operator, for an hour unless told', () => {
    expect(parseTokenArgs(['--customer', 'alice'])).toEqual({
      subject: 'alice',
      roles: ['customer'],
      expiresInSeconds: 3600,
      help: false,
    });
    expect(parseTokenArgs(['--operator', '--expires', '15m'])).toMatchObject({
      subject: 'operator',
      roles: ['operator'],
      expiresInSeconds: 900,
    });
    expect(parseTokenArgs(['--operator', 'prometheus', '--expires', '7d'])).toMatchObject({
      subject: 'prometheus',
      expiresInSeconds: 7 * 86_400,
    });
  });

  it.each([
    [[], /--customer <id>.* or --operator/],
    [['--customer', 'a', '--operator'], /not both/],
    [['--customer', ' '], /1 to 100 characters/],
    [['--customer', 'x'.repeat(101)], /1 to 100 characters/],
    [['--customer', 'a', '--expires', '0s'], /--expires must be a positive number/],
    [['--customer', 'a', '--expires', '1 week'], /--expires/],
    [['--admin'], /Unknown option '--admin'/],
  ])('refuses %j with a message that says why', (argv, message) => {
    expect(() => parseTokenArgs(argv)).toThrow(message);
  });
});
