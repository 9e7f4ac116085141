// The joyo-kanji package ships no types: a CommonJS module whose `kanji` is the 2,136 常用漢字.
declare module 'joyo-kanji' {
  const joyo: { kanji: string[] };
  export default joyo;
}
