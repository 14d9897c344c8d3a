import { useEffect, useState } from 'react';
import { client } from '../api';
import { fenToYuan } from '../money';

const cache = new Map<number, string>();

/** A voucher read from the core brings its 大写 along: shown at once, without asking again. */
export function primeCapital(fen: number, capital: string): void {
  if (capital) cache.set(fen, capital);
}

/**
 * The total in 人民币大写, from the core's converter (one rule for screen and print). Asked for a moment
 * after typing stops; the last answer stays shown meanwhile.
 */
export function useCapital(fen: number, delay = 150): string {
  const [capital, setCapital] = useState(() => cache.get(fen) ?? '');
  useEffect(() => {
    if (fen === 0) {
      setCapital('');
      return;
    }
    const known = cache.get(fen);
    if (known) {
      setCapital(known);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      client.call('money.capital', { amount: fenToYuan(fen) }).then(
        (result) => {
          cache.set(fen, result.capital);
          if (current) setCapital(result.capital);
        },
        () => current && setCapital(''),
      );
    }, delay);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [fen, delay]);
  return capital;
}
