// Frequently used and leaked passwords, lowercase, including ones common in China.
// A decorated variant (trailing digits/symbols/year) of any of these is refused too.
const LIST = `
123456 123456789 12345678 password qwerty 12345 1234567 111111 123123 1234567890 000000 abc123 password1 iloveyou
1q2w3e4r 1qaz2wsx qwertyuiop 123321 654321 666666 888888 112233 121212 123qwe qwe123 zxcvbnm asdfghjkl qazwsx
woaini woaini1314 5201314 1314520 521521 aini1314 iloveyou1314 wodemima mima mima123 woshishui nihao nihao123
qq123456 qq5201314 aa123456 aa12345678 abc12345 abcd1234 a123456 a12345678 a1234567 aaa111 asd123 zxc123
admin admin123 administrator root toor test test123 guest user welcome welcome1 letmein monkey dragon master
sunshine princess football baseball shadow superman michael jennifer trustno1 passw0rd p@ssw0rd p@ssword
changeme default secret login hello hello123 qwer1234 asdf1234 zxcv1234 1qaz@wsx 1qaz!qaz !qaz2wsx 2wsx3edc
huawei huawei123 xiaomi baidu taobao alipay weixin wechat tencent zhongguo china china123 beijing shanghai
zhangwei wangwei liwei liuyang zhanglei wangfang lijing dangyuan dangjian zhenggong gongsi guoqi jituan
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
