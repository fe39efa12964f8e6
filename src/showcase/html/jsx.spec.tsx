import { documentHtml, Fragment, h, jsonLd, raw } from './jsx.js';

function Greeting(props: { name: string }): h.JSX.Element {
  return <p class="greeting">Halo, {props.name}</p>;
}

describe('the showcase JSX runtime', () => {
  it('escapes text and attributes, so data never becomes markup', () => {
    const name = '<script>alert("x")</script> & co';
    expect(String(<a href={`/cari?q=${name}`} title={name}>{name}</a>)).toBe(
      '<a href="/cari?q=&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</a>',
    );
  });

  it('writes components, fragments, lists, void elements and boolean attributes', () => {
    const html = (
      <>
        <Greeting name="Ani" />
        <ul>{['a', 'b'].map((item) => <li>{item}</li>)}</ul>
        <img src="/x.webp" alt="" width={600} height={400} loading="lazy" hidden={false} />
        <input type="search" required />
        {null}
        {false}
        {0}
      </>
    );
    expect(String(html)).toBe('<p class="greeting">Halo, Ani</p><ul><li>a</li><li>b</li></ul><img src="/x.webp" alt="" width="600" height="400" loading="lazy"><input type="search" required>0');
  });

  it('writes raw() as is', () => {
    expect(String(<div>{raw('<p>sanitised</p>')}</div>)).toBe('<div><p>sanitised</p></div>');
    expect(documentHtml(<html lang="id" />)).toBe('<!DOCTYPE html><html lang="id"></html>');
  });

  it('refuses attribute names that could break out of the tag', () => {
    const props = { 'onload="x"': 'y' };
    expect(() => <div {...props} />).toThrow('Not an attribute name');
    // Good names are remembered once checked; a bad one never is.
    expect(String(<div title="a" />)).toBe('<div title="a"></div>');
    expect(String(<div title="b" />)).toBe('<div title="b"></div>');
    expect(() => <div {...props} />).toThrow('Not an attribute name');
  });

  it('keeps JSON-LD inside its script element whatever the data holds', () => {
    const data = { name: '</script><script>alert(1)</script><!-- & \u2028' };
    const html = String(jsonLd(data));
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toContain('<!--');
    const json = html.slice('<script type="application/ld+json">'.length, -'</script>'.length);
    expect(JSON.parse(json)).toEqual(data);
  });
});
