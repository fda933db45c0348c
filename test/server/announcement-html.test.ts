// A member's plain text as HTML: escaped, paragraphs, links and hashtags.
import { describe, expect, it } from "vitest";
import { hashtagOf, renderText } from "../../server/domain/announcement-html.ts";

const href = (tag: string) => `https://maillage.test/n/lilas?tag=${encodeURIComponent(tag)}`;
const render = (text: string) => renderText(text, href);

describe("renderText", () => {
  it("escapes markup and keeps paragraphs and line breaks", () => {
    expect(render("  <script>alert('x')</script> & co\r\nligne 2\n\n\n\nparagraphe 2  ").html).toBe(
      "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co<br>ligne 2</p><p>paragraphe 2</p>",
    );
  });

  it("links URLs without their trailing punctuation, and keeps their fragments", () => {
    const { html, hashtags } = render("Voir https://example.org/a?b=1&c=2#frag, puis (https://example.org/x).");
    expect(html).toContain('<a href="https://example.org/a?b=1&amp;c=2#frag" rel="nofollow noopener noreferrer" target="_blank">https://example.org/a?b=1&amp;c=2#frag</a>,');
    expect(html).toContain('>https://example.org/x</a>).');
    expect(hashtags).toEqual([]);
  });

  it("makes hashtags of #words (accents welcome), not of a#b, #123 or escaped quotes", () => {
    const { html, hashtags } = render("#Café au #jardin, l'#entraide a#b #123 #café");
    expect(hashtags).toEqual(["Café", "jardin", "entraide"]);
    expect(html).toContain(`<a href="${href("Café").replace("&", "&amp;")}" class="mention hashtag" rel="tag">#<span>Café</span></a>`);
    expect(html).toContain("a#b #123");
    expect(html).toContain("l&#39;<a");
  });
});

describe("hashtagOf", () => {
  it("joins capitalised words, letters and digits only", () => {
    expect(hashtagOf("Les Lilas")).toBe("LesLilas");
    expect(hashtagOf("Réseau de la coopération — Nantes 44")).toBe("RéseauDeLaCoopérationNantes44");
    expect(hashtagOf("123 456", "les-123")).toBe("les123");
  });
});
