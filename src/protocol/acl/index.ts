export * from './acl.ts';
export { base64Encode } from './base64.ts';
export { sha1 } from './sha1.ts';
export { utf8Encode } from './utf8.ts';
export { javaSplit, javaStringHash, javaParseInt, javaParseLong } from './javaString.ts';
