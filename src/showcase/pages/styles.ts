/**
 * The whole stylesheet, inlined in every page (one request less on a slow phone; about 5 KB).
 * System fonts only: no font files, no third party. Colours meet WCAG AA contrast on their
 * backgrounds; links and buttons are at least 44 px tall. On a phone the breadcrumb's last item
 * (the page itself, which the h1 right below names) is left to screen readers, and separators
 * close a line rather than open one, so a long product name no longer breaks the trail in two.
 */
export const STYLES = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.5;color:#1f2328;background:#fbfaf7}
img{max-width:100%;height:auto;display:block}
a{color:#7a3e00}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.75rem 1rem;z-index:2}
.skip:focus{left:.5rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
header.site{background:#5c2e00;color:#fff}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding-top:.5rem;padding-bottom:.5rem}
header.site a{color:#fff}
.brand{font-weight:700;font-size:1rem;text-decoration:none;min-height:44px;display:inline-flex;align-items:center;margin-right:auto}
.lang{min-height:44px;display:inline-flex;align-items:center;padding:0 .25rem}
form.search{display:flex;gap:.5rem;flex:1 1 100%;margin:0}
form.search input{flex:1;min-width:0}
input,select,button{font:inherit;min-height:44px;padding:.5rem .75rem;border:1px solid #6b6b6b;border-radius:.375rem;background:#fff;color:#1f2328}
button{background:#0b57d0;border-color:#0b57d0;color:#fff;font-weight:600;cursor:pointer}
header.site button{background:#fff;color:#5c2e00;border-color:#fff}
main{padding:1rem 0 2rem}
h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
.crumbs ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;align-items:center;gap:0 .35rem;font-size:.9rem}
.crumbs li{display:flex;align-items:center;min-width:0}
.crumbs li:not(:last-child)::after{content:"/";margin-left:.35rem;color:#6b6b6b}
.crumbs a{display:inline-flex;align-items:center;min-height:44px}
.crumbs [aria-current]{padding:.625rem 0}
@media(max-width:47.99rem){.crumbs li:last-child{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}.crumbs li:nth-last-child(2)::after{content:none}}
.grid{list-style:none;padding:0;margin:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr))}
.card{background:#fff;border:1px solid #e3ded5;border-radius:.5rem;overflow:hidden;height:100%;display:flex;flex-direction:column}
.card a{text-decoration:none;color:inherit;display:flex;flex-direction:column;height:100%}
.card img,.card .noimg{aspect-ratio:1;object-fit:cover;width:100%;background:#efe9df}
.stories .card img{aspect-ratio:3/2}
.card .body{padding:.5rem .75rem .75rem}
.card .name{font-weight:600;margin:0 0 .25rem;color:#7a3e00;text-decoration:underline}
.card .meta{font-size:.875rem;color:#595959;margin:0}
.price{font-weight:700;font-size:1.05rem;margin:0}
.badge{display:inline-block;font-size:.8rem;font-weight:600;padding:.125rem .5rem;border-radius:1rem;background:#e7f3e8;color:#1d5b23}
.badge.out{background:#fdecea;color:#8a1c12}
.stats{list-style:none;padding:0;margin:0;display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr))}
.stats li{background:#fff;border:1px solid #e3ded5;border-radius:.5rem;padding:.75rem}
.stats strong{display:block;font-size:1.4rem;color:#5c2e00}
.programmes{list-style:none;padding:0;margin:0;display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr))}
.programmes li{background:#fff;border:1px solid #e3ded5;border-radius:.5rem;padding:.75rem}
.programmes a{font-weight:600;display:inline-block;padding:.5rem 0}
.programmes p{margin:0;color:#595959;font-size:.9rem}
.stories{list-style:none;padding:0;margin:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}
.links{columns:15rem;column-gap:2rem;padding:0;margin:0;list-style:none}
.links li{break-inside:avoid}
.links a{display:inline-block;padding:.625rem 0}
.links .meta,h2 .meta{font-size:.875rem;color:#595959;font-weight:400}
.links .meta{display:inline-block}
.links.compact{columns:9.5rem;column-gap:1rem}
.links.compact .meta{width:100%}
.links.units a{display:block;padding:.375rem 0}
.links.units .meta{display:inline-block;width:100%}
.pager ul{list-style:none;padding:0;margin:1.5rem 0;display:flex;flex-wrap:wrap;gap:.5rem}
.pager a,.pager span{display:inline-flex;align-items:center;justify-content:center;min-width:44px;min-height:44px;padding:0 .5rem;border:1px solid #e3ded5;border-radius:.375rem;background:#fff}
.pager span{background:#5c2e00;color:#fff;border-color:#5c2e00}
.filters.facility-filters{grid-template-columns:repeat(auto-fit,minmax(12rem,1fr))}
.facility-filters select{width:100%}
.facility-filters button{width:100%}
.prose img{border-radius:.5rem}
.product{display:grid;gap:1.5rem}
@media(min-width:48rem){.product{grid-template-columns:1fr 1fr}h1{font-size:2.1rem}form.search{flex:0 1 24rem}.brand{font-size:1.125rem}}
.gallery{display:grid;gap:.5rem;align-content:start}
.gallery img{border-radius:.5rem;background:#efe9df}
.thumbs{display:flex;gap:.5rem;flex-wrap:wrap}
.thumbs img{width:4.5rem;aspect-ratio:1;object-fit:cover}
.note{background:#fff6e5;border-left:4px solid #b35c00;padding:.75rem 1rem;margin:1rem 0}
dl.facts{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:1rem 0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
details.more{grid-column:1/-1}
details.more summary{padding:.6rem 0;cursor:pointer;font-weight:600;color:#7a3e00}
details.more[open]>div{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));align-items:end}
.filters{display:grid;gap:.75rem;grid-template-columns:1fr auto;align-items:end;margin-bottom:1rem}
.filters label{display:block;font-weight:600;font-size:.9rem}
.filters select,.filters input[type=search]{width:100%}
.check{display:flex;align-items:center;gap:.5rem;min-height:44px}
.check input{min-height:auto;width:1.25rem;height:1.25rem}
article.story{max-width:42rem}
article.story img{border-radius:.5rem}
.next{display:inline-block;margin-top:1rem;padding:.6rem 0}
footer.site{border-top:1px solid #e3ded5;padding:1.5rem 0;color:#595959;font-size:.9rem}
footer.site a{display:inline-block;padding:.6rem 0}
form.add{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin:1rem 0}
form.add input{width:5rem}
table.cart{width:100%;border-collapse:collapse;margin:1rem 0}
table.cart th,table.cart td{text-align:left;padding:.5rem;border-bottom:1px solid #d0d0d0;vertical-align:top}
form.checkout{max-width:36rem}
form.checkout fieldset{border:1px solid #d0d0d0;border-radius:.375rem;margin:1rem 0;padding:.5rem 1rem}
.field label{display:block;font-weight:600}
.field input{width:100%}
.field.invalid input{border-color:#b3261e;border-width:2px}
.error{display:block;color:#b3261e;font-weight:600}
.alert{background:#fdecea;border-left:4px solid #b3261e;padding:.75rem 1rem;color:#5f1410}
input[type=radio]{min-height:auto;width:1.25rem;height:1.25rem;vertical-align:middle;margin-right:.5rem}
.pay dd{font-weight:600}
[hidden]{display:none!important}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
form.line-edit{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
form.line-edit input{width:5rem}
button.secondary{background:#fff;color:#0b57d0}
.notice{background:#e8f3ec;border-left:4px solid #1e7b34;padding:.75rem 1rem}
.share{margin:1.5rem 0}
.share h2{font-size:1.1rem;margin:0 0 .5rem}
.share ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.share a,.share button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;padding:.5rem 1rem;border:1px solid #7a3e00;border-radius:1.5rem;background:#fff;color:#5c2e00;font-weight:600;text-decoration:none}
.share-status{margin:.5rem 0 0;min-height:1.5rem}
`.replace(/\n/g, '');
