import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCsv } from '../../../../webview/common/csv';

describe('toCsv', () => {
  it('writes a header and rows with CRLF line ends', () => {
    assert.equal(
      toCsv(
        ['a', 'b'],
        [
          [1, 0.5],
          [2, undefined],
        ],
      ),
      'a,b\r\n1,0.5\r\n2,\r\n',
    );
  });

  it('quotes cells with commas, quotes or line breaks', () => {
    assert.equal(
      toCsv(['x'], [['a,b'], ['say "hi"'], ['two\nlines']]),
      'x\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\n',
    );
  });
});
