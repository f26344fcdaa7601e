import { describe, expect, it } from 'vitest';
import { parseCookies, readBearer, tokenCookieHeader, tokensEqual } from './token';

describe('tokensEqual', () => {
  it('accepts only the exact token, whatever the lengths', () => {
    expect(tokensEqual('secret-token', 'secret-token')).toBe(true);
    expect(tokensEqual('secret-tokeN', 'secret-token')).toBe(false);
    expect(tokensEqual('secret', 'secret-token')).toBe(false);
    expect(tokensEqual('', 'secret-token')).toBe(false);
    expect(tokensEqual('secret-token-and-more', 'secret-token')).toBe(false);
  });
});

describe('readBearer', () => {
  it('reads the Bearer scheme only', () => {
    expect(readBearer('Bearer abc123')).toBe('abc123');
    expect(readBearer('bearer   abc123 ')).toBe('abc123');
    expect(readBearer('Basic abc123')).toBeUndefined();
    expect(readBearer('Bearer')).toBeUndefined();
    expect(readBearer('Bearer a b')).toBeUndefined();
    expect(readBearer(undefined)).toBeUndefined();
  });
});

describe('parseCookies', () => {
  it('parses pairs, decodes values, keeps the first of a repeated name', () => {
    const cookies = parseCookies('a=1; axiom_token=t%3Dx; axiom_token=second; junk; =x; q="quoted"; bad=%E0%A4%A');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('axiom_token')).toBe('t=x');
    expect(cookies.get('q')).toBe('quoted');
    expect(cookies.get('bad')).toBe('%E0%A4%A');
    expect(parseCookies(undefined).size).toBe(0);
  });
});

describe('tokenCookieHeader', () => {
  it('is HttpOnly, SameSite=Strict, Path=/', () => {
    expect(tokenCookieHeader('abc')).toBe('axiom_token=abc; HttpOnly; SameSite=Strict; Path=/');
  });
});
