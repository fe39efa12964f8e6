import { h, raw } from '../html/jsx.js';
import type { PageContext } from '../pages/page-context.js';

/** Where each network takes a link to share: plain URLs, no script or pixel of theirs on our pages. */
export function shareTargets(url: string, text: string): { name: string; href: string }[] {
  const u = encodeURIComponent(url);
  const x = encodeURIComponent(text);
  return [
    // WhatsApp takes one text: the message, with the link at its end so the preview is drawn from it.
    { name: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${text} ${url}`)}` },
    { name: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'X', href: `https://x.com/intent/tweet?text=${x}&url=${u}` },
    { name: 'Telegram', href: `https://t.me/share/url?url=${u}&text=${x}` },
  ];
}

/**
 * Enhancements only (the links work without it): "copy link" copies instead of opening the page,
 * and the phone's own share sheet is offered where the browser has one (Web Share API). Static
 * text, no data inside: what it shares comes from the data attributes.
 */
export const SHARE_SCRIPT = `(()=>{const b=document.querySelector('[data-share]');if(!b)return;const d=b.dataset,s=b.querySelector('[role=status]'),n=b.querySelector('[data-native]'),c=b.querySelector('[data-copy]');if(n&&navigator.share){n.hidden=false;n.firstElementChild.addEventListener('click',()=>{navigator.share({title:d.title,text:d.text,url:d.url}).catch(()=>{})})}if(c&&navigator.clipboard)c.addEventListener('click',e=>{e.preventDefault();navigator.clipboard.writeText(d.url).then(()=>{s.textContent=d.copied},()=>{location.href=d.url})})})();`;

/**
 * Share links for a page: WhatsApp, Facebook, X, Telegram, copy link and, with script, the phone's
 * share sheet. Each is a link or button at least 44 px square, named "Bagikan ke WhatsApp" etc.
 */
export function ShareButtons(props: { ctx: PageContext; url: string; title: string; text: string }): h.JSX.Element {
  const { ctx, url, title, text } = props;
  const { t } = ctx;
  return (
    <section class="share" aria-labelledby="share-heading" data-share data-url={url} data-title={title} data-text={text} data-copied={t.share.copied}>
      <h2 id="share-heading">{t.share.heading}</h2>
      <ul>
        {shareTargets(url, text).map((target) => (
          <li>
            <a href={target.href} target="_blank" rel="noopener noreferrer">
              <span class="sr">{t.share.to} </span>
              {target.name}
            </a>
          </li>
        ))}
        <li>
          <a href={url} data-copy>
            {t.share.copyLink}
          </a>
        </li>
        <li data-native hidden>
          <button type="button">{t.share.more}</button>
        </li>
      </ul>
      <p role="status" class="share-status"></p>
      <script nonce={ctx.nonce}>{raw(SHARE_SCRIPT)}</script>
    </section>
  );
}
