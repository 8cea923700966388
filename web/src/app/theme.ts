import { theme, type ThemeConfig } from 'antd';

export const BRAND_RED = '#b8262b';

/** Normal and large-text themes. Large text: 18px base and taller controls for older users. */
export function buildTheme(largeText: boolean): ThemeConfig {
  const base: ThemeConfig = {
    algorithm: theme.defaultAlgorithm,
    token: {
      colorPrimary: BRAND_RED,
      colorLink: '#1f5fbf',
      borderRadius: 6,
      fontSize: 15,
      controlHeight: 36,
      fontFamily:
        "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, sans-serif",
    },
    components: {
      Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px', bodyBg: '#f4f5f7' },
      Menu: { itemHeight: 44 },
    },
  };
  if (!largeText) return base;
  return {
    ...base,
    token: {
      ...base.token,
      fontSize: 18,
      fontSizeLG: 20,
      fontSizeSM: 16,
      fontSizeHeading4: 22,
      fontSizeHeading3: 26,
      controlHeight: 44,
      controlHeightLG: 52,
      controlHeightSM: 34,
      lineHeight: 1.6,
    },
    components: { ...base.components, Menu: { itemHeight: 52 }, Table: { cellPaddingBlock: 14 } },
  };
}
