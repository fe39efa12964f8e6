/**
 * The public product list's query, as others may read it with the API's own rules (the showcase's
 * search page validates its query string with it). Re-exported here so dto/ stays this feature's.
 */
export { ListProductsDto, PRODUCT_SORTS, type ProductSort } from './dto/list-products.dto.js';
