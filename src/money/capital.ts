/**
 * 人民币大写 (Chinese capital amounts) as written on 票据, 凭证 and 收据, following 会计基础工作规范 第52条
 * and 《正确填写票据和结算凭证的基本规定》 (see DOMAIN.md 3.5).
 *
 * Output is "人民币" + digits + units, using only 零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整 (plus 负).
 *
 * Design choices (the rules allow more than one form in places; this converter always picks one):
 * - 整 is always written after 元 (no 角分) and after 角 (no 分), never after 分. This satisfies both the
 *   "应当写整" of 会计基础工作规范 and the "角后可以不写" of 支付结算.
 * - Every digit gets its unit, so 10 元 is 壹拾元整, never bare 拾元整.
 * - A run of zeros becomes at most one 零, and zeros at the end of the integer part give no 零.
 * - Required 零: a run of zeros between two non-zero digits of the integer part (1409 → 壹仟肆佰零玖,
 *   1005 → 壹仟零伍, 100010000 → 壹亿零壹万, 100001000 → 壹亿零壹仟), and 角 = 0 with 分 ≠ 0 when there are
 *   元 (16409.02 → …零玖元零贰分).
 * - Optional 零 (the rules allow "一个零或者不写"): we write NONE. That is (a) 元位 is 0 but 角 is not
 *   (3020.70 → 叁仟零贰拾元柒角整, 1680.32 → 壹仟陆佰捌拾元叁角贰分), and (b) the zeros are only the tail of
 *   a 万 (or 亿) section and the next digit is the 仟 of the section below (107000.53 → 壹拾万柒仟元伍角叁分,
 *   1007000 → 壹佰万柒仟元整). This is exactly the ordinary Chinese reading of numbers. When a whole
 *   section is empty (100001000 → 壹亿零壹仟元整) or the 仟 below is also 0 (1000700 → 壹佰万零柒佰元整)
 *   we write the 零, since those zeros are "中间的零" and dropping them would misread.
 * - Below 1 元 no 元 part is written: 0.50 → 人民币伍角整, 0.05 → 人民币伍分; zero is 人民币零元整.
 * - Sections: 万, 亿, and 万亿 for the 10^12 section (1,0000,0000,0000 元 → 壹万亿元整;
 *   90,0719,9254,7409 元 → 玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元).
 * - Negative amounts (红字): no official rule exists, so we write "人民币负…" (-12.00 → 人民币负壹拾贰元整).
 */
import { assertFen, type Fen } from './money.js';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
/** Unit inside a four-digit section, by position mod 4. */
const PLACE_UNITS = ['', '拾', '佰', '仟'] as const;
/** Unit after a section, by section index (0 = 元 section, 1 = 万, 2 = 亿, 3 = 万 of 亿, i.e. 万亿). */
const SECTION_UNITS = ['', '万', '亿', '万'] as const;

function digitChar(digit: number): string {
  return DIGITS[digit] ?? '';
}

/**
 * Must a run of zeros between the non-zero digit at position `high` and the next non-zero digit at
 * position `low` (positions counted from 元 = 0) be written as 零? Only the optional case (b) above is
 * dropped: the zeros all lie in `high`'s section and `low` is the 仟 of the section right below it.
 */
function zeroRequired(high: number, low: number): boolean {
  const highSection = Math.floor(high / 4);
  const lowSection = Math.floor(low / 4);
  const lowIsTopOfNextSection = lowSection === highSection - 1 && low % 4 === 3;
  return !lowIsTopOfNextSection;
}

/** 大写 of a non-negative integer number of 元 given as decimal digits without leading zeros ('' or '0' = none). */
function integerToCapital(digits: string): string {
  const positions = digits.length;
  let out = '';
  let lastNonZero = -1;
  const sectionHasDigit = [false, false, false, false];
  for (let i = 0; i < positions; i += 1) {
    const position = positions - 1 - i;
    const digit = Number(digits[i]);
    const section = Math.floor(position / 4);
    if (digit !== 0) {
      if (lastNonZero > position + 1 && zeroRequired(lastNonZero, position)) {
        out += '零';
      }
      out += digitChar(digit) + PLACE_UNITS[position % 4];
      lastNonZero = position;
      sectionHasDigit[section] = true;
    }
    if (position % 4 === 0 && section > 0 && sectionHasDigit[section]) {
      out += SECTION_UNITS[section] ?? '';
      // 万亿: the 10^12 section needs 亿 after its 万 when the 亿 section itself is empty.
      if (section === 3 && !/[1-9]/.test(digits.slice(i + 1, i + 5))) {
        out += '亿';
      }
    }
  }
  return out;
}

/**
 * Amount in 分 → 人民币大写, e.g. 140950 → '人民币壹仟肆佰零玖元伍角整', 1640902 → '人民币壹万陆仟肆佰零玖元零贰分',
 * 50 → '人民币伍角整', 0 → '人民币零元整', -1200 → '人民币负壹拾贰元整'. Throws 'invalid_amount' unless `fen` is a
 * safe integer. Covers the whole safe range (up to 90,071,992,547,409.91 元).
 */
export function toCapitalAmount(fen: Fen): string {
  const value = assertFen(fen, '金额');
  // String() of a safe integer is its exact decimal digits; no float arithmetic on 元 happens here.
  const digits = String(Math.abs(value)).padStart(3, '0');
  const yuanDigits = digits.slice(0, -2).replace(/^0+/, '');
  const jiao = Number(digits[digits.length - 2]);
  const fenDigit = Number(digits[digits.length - 1]);
  const prefix = value < 0 ? '人民币负' : '人民币';

  const hasYuan = yuanDigits !== '';
  let out = hasYuan ? `${integerToCapital(yuanDigits)}元` : '';
  if (jiao === 0 && fenDigit === 0) {
    return `${prefix}${hasYuan ? out : '零元'}整`;
  }
  if (jiao !== 0) {
    out += `${digitChar(jiao)}角`;
  } else if (hasYuan) {
    out += '零'; // 角 is 0 but 分 is not: 零 is required after 元.
  }
  out += fenDigit !== 0 ? `${digitChar(fenDigit)}分` : '整';
  return prefix + out;
}
