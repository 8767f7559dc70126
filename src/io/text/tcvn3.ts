/**
 * TCVN3 ("ABC", the .VnTime fonts): the Vietnamese standard TCVN 5712:1993, in which many
 * Vietnamese shapefiles, MapInfo tables and Excel sheets were written before Unicode. No
 * maintained package decodes it and TextDecoder does not know it, hence this table.
 *
 * Bytes 0x00–0x7F are ASCII. The upper half is the standard's: VN3's letters (Ă Â Ê Ô Ơ Ư Đ and
 * their lower case, every lower-case toned vowel, the five tone marks as combining characters at
 * 0xB0–0xB4), plus the upper-case toned vowels VN1 puts in the places VN3 leaves free. VN1's
 * upper-case letters in the C0 control range (0x01–0x17) are not decoded: in attribute text a
 * control byte is far likelier to be a control byte. Upper-case text typed with the .VnTimeH fonts
 * uses the lower-case codes, so it reads as lower case: the bytes cannot say otherwise.
 * Checked byte by byte against glibc's iconv (`iconv -f TCVN5712-1 -t UTF-8`).
 */
const UPPER_HALF =
  // 0x80–0x9F: upper-case toned vowels (VN1)
  "ÀẢÃÁẠẶẬÈ" + // 0x80
  "ẺẼÉẸỆÌỈĨ" + // 0x88
  "ÍỊÒỎÕÓỌỘ" + // 0x90
  "ỜỞỠỚỢÙỦŨ" + // 0x98
  // 0xA0–0xAF: no-break space, Ă Â Ê Ô Ơ Ư Đ, their lower case, Ằ
  "\u00a0ĂÂÊÔƠƯĐ" + // 0xA0
  "ăâêôơưđẰ" + // 0xA8
  // 0xB0–0xB4: combining grave, hook above, tilde, acute, dot below
  "\u0300\u0309\u0303\u0301\u0323àảã" + // 0xB0
  "áạẲằẳẵắẴ" + // 0xB8
  "ẮẦẨẪẤỀặầ" + // 0xC0
  "ẩẫấậèỂẻẽ" + // 0xC8
  "éẹềểễếệì" + // 0xD0
  "ỉỄẾỒĩíịò" + // 0xD8
  "Ổỏõóọồổỗ" + // 0xE0
  "ốộờởỡớợù" + // 0xE8
  "Ỗủũúụừửữ" + // 0xF0
  "ứựỳỷỹýỵỐ"; // 0xF8

/** Code units of bytes 0x80–0xFF (all in the Basic Multilingual Plane). */
const TABLE = Uint16Array.from(UPPER_HALF, (c) => c.charCodeAt(0));

/**
 * Decodes TCVN3 bytes to Unicode text in NFC: a tone written as its own byte (0xB0–0xB4) joins
 * the vowel before it ("a" then 0xB0 is "à", as 0xB5 is).
 */
export function decodeTcvn3(bytes: Uint8Array): string {
  let out = "";
  let combining = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) out += String.fromCharCode(b);
    else {
      if (b >= 0xb0 && b <= 0xb4) combining = true;
      out += String.fromCharCode(TABLE[b - 0x80] as number);
    }
  }
  return combining ? out.normalize("NFC") : out;
}
