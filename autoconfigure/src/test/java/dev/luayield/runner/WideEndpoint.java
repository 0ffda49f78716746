package dev.luayield.runner;

/**
 * An endpoint with 200 methods, to show that the cost of a call does not grow with the
 * API. Written out by hand-run generator rather than reflection tricks so that the
 * methods are real.
 */
public class WideEndpoint {

	public int m001(int x) {
		return x + 1;
	}

	public int m002(int x) {
		return x + 2;
	}

	public int m003(int x) {
		return x + 3;
	}

	public int m004(int x) {
		return x + 4;
	}

	public int m005(int x) {
		return x + 5;
	}

	public int m006(int x) {
		return x + 6;
	}

	public int m007(int x) {
		return x + 7;
	}

	public int m008(int x) {
		return x + 8;
	}

	public int m009(int x) {
		return x + 9;
	}

	public int m010(int x) {
		return x + 10;
	}

	public int m011(int x) {
		return x + 11;
	}

	public int m012(int x) {
		return x + 12;
	}

	public int m013(int x) {
		return x + 13;
	}

	public int m014(int x) {
		return x + 14;
	}

	public int m015(int x) {
		return x + 15;
	}

	public int m016(int x) {
		return x + 16;
	}

	public int m017(int x) {
		return x + 17;
	}

	public int m018(int x) {
		return x + 18;
	}

	public int m019(int x) {
		return x + 19;
	}

	public int m020(int x) {
		return x + 20;
	}

	public int m021(int x) {
		return x + 21;
	}

	public int m022(int x) {
		return x + 22;
	}

	public int m023(int x) {
		return x + 23;
	}

	public int m024(int x) {
		return x + 24;
	}

	public int m025(int x) {
		return x + 25;
	}

	public int m026(int x) {
		return x + 26;
	}

	public int m027(int x) {
		return x + 27;
	}

	public int m028(int x) {
		return x + 28;
	}

	public int m029(int x) {
		return x + 29;
	}

	public int m030(int x) {
		return x + 30;
	}

	public int m031(int x) {
		return x + 31;
	}

	public int m032(int x) {
		return x + 32;
	}

	public int m033(int x) {
		return x + 33;
	}

	public int m034(int x) {
		return x + 34;
	}

	public int m035(int x) {
		return x + 35;
	}

	public int m036(int x) {
		return x + 36;
	}

	public int m037(int x) {
		return x + 37;
	}

	public int m038(int x) {
		return x + 38;
	}

	public int m039(int x) {
		return x + 39;
	}

	public int m040(int x) {
		return x + 40;
	}

	public int m041(int x) {
		return x + 41;
	}

	public int m042(int x) {
		return x + 42;
	}

	public int m043(int x) {
		return x + 43;
	}

	public int m044(int x) {
		return x + 44;
	}

	public int m045(int x) {
		return x + 45;
	}

	public int m046(int x) {
		return x + 46;
	}

	public int m047(int x) {
		return x + 47;
	}

	public int m048(int x) {
		return x + 48;
	}

	public int m049(int x) {
		return x + 49;
	}

	public int m050(int x) {
		return x + 50;
	}

	public int m051(int x) {
		return x + 51;
	}

	public int m052(int x) {
		return x + 52;
	}

	public int m053(int x) {
		return x + 53;
	}

	public int m054(int x) {
		return x + 54;
	}

	public int m055(int x) {
		return x + 55;
	}

	public int m056(int x) {
		return x + 56;
	}

	public int m057(int x) {
		return x + 57;
	}

	public int m058(int x) {
		return x + 58;
	}

	public int m059(int x) {
		return x + 59;
	}

	public int m060(int x) {
		return x + 60;
	}

	public int m061(int x) {
		return x + 61;
	}

	public int m062(int x) {
		return x + 62;
	}

	public int m063(int x) {
		return x + 63;
	}

	public int m064(int x) {
		return x + 64;
	}

	public int m065(int x) {
		return x + 65;
	}

	public int m066(int x) {
		return x + 66;
	}

	public int m067(int x) {
		return x + 67;
	}

	public int m068(int x) {
		return x + 68;
	}

	public int m069(int x) {
		return x + 69;
	}

	public int m070(int x) {
		return x + 70;
	}

	public int m071(int x) {
		return x + 71;
	}

	public int m072(int x) {
		return x + 72;
	}

	public int m073(int x) {
		return x + 73;
	}

	public int m074(int x) {
		return x + 74;
	}

	public int m075(int x) {
		return x + 75;
	}

	public int m076(int x) {
		return x + 76;
	}

	public int m077(int x) {
		return x + 77;
	}

	public int m078(int x) {
		return x + 78;
	}

	public int m079(int x) {
		return x + 79;
	}

	public int m080(int x) {
		return x + 80;
	}

	public int m081(int x) {
		return x + 81;
	}

	public int m082(int x) {
		return x + 82;
	}

	public int m083(int x) {
		return x + 83;
	}

	public int m084(int x) {
		return x + 84;
	}

	public int m085(int x) {
		return x + 85;
	}

	public int m086(int x) {
		return x + 86;
	}

	public int m087(int x) {
		return x + 87;
	}

	public int m088(int x) {
		return x + 88;
	}

	public int m089(int x) {
		return x + 89;
	}

	public int m090(int x) {
		return x + 90;
	}

	public int m091(int x) {
		return x + 91;
	}

	public int m092(int x) {
		return x + 92;
	}

	public int m093(int x) {
		return x + 93;
	}

	public int m094(int x) {
		return x + 94;
	}

	public int m095(int x) {
		return x + 95;
	}

	public int m096(int x) {
		return x + 96;
	}

	public int m097(int x) {
		return x + 97;
	}

	public int m098(int x) {
		return x + 98;
	}

	public int m099(int x) {
		return x + 99;
	}

	public int m100(int x) {
		return x + 100;
	}

	public int m101(int x) {
		return x + 101;
	}

	public int m102(int x) {
		return x + 102;
	}

	public int m103(int x) {
		return x + 103;
	}

	public int m104(int x) {
		return x + 104;
	}

	public int m105(int x) {
		return x + 105;
	}

	public int m106(int x) {
		return x + 106;
	}

	public int m107(int x) {
		return x + 107;
	}

	public int m108(int x) {
		return x + 108;
	}

	public int m109(int x) {
		return x + 109;
	}

	public int m110(int x) {
		return x + 110;
	}

	public int m111(int x) {
		return x + 111;
	}

	public int m112(int x) {
		return x + 112;
	}

	public int m113(int x) {
		return x + 113;
	}

	public int m114(int x) {
		return x + 114;
	}

	public int m115(int x) {
		return x + 115;
	}

	public int m116(int x) {
		return x + 116;
	}

	public int m117(int x) {
		return x + 117;
	}

	public int m118(int x) {
		return x + 118;
	}

	public int m119(int x) {
		return x + 119;
	}

	public int m120(int x) {
		return x + 120;
	}

	public int m121(int x) {
		return x + 121;
	}

	public int m122(int x) {
		return x + 122;
	}

	public int m123(int x) {
		return x + 123;
	}

	public int m124(int x) {
		return x + 124;
	}

	public int m125(int x) {
		return x + 125;
	}

	public int m126(int x) {
		return x + 126;
	}

	public int m127(int x) {
		return x + 127;
	}

	public int m128(int x) {
		return x + 128;
	}

	public int m129(int x) {
		return x + 129;
	}

	public int m130(int x) {
		return x + 130;
	}

	public int m131(int x) {
		return x + 131;
	}

	public int m132(int x) {
		return x + 132;
	}

	public int m133(int x) {
		return x + 133;
	}

	public int m134(int x) {
		return x + 134;
	}

	public int m135(int x) {
		return x + 135;
	}

	public int m136(int x) {
		return x + 136;
	}

	public int m137(int x) {
		return x + 137;
	}

	public int m138(int x) {
		return x + 138;
	}

	public int m139(int x) {
		return x + 139;
	}

	public int m140(int x) {
		return x + 140;
	}

	public int m141(int x) {
		return x + 141;
	}

	public int m142(int x) {
		return x + 142;
	}

	public int m143(int x) {
		return x + 143;
	}

	public int m144(int x) {
		return x + 144;
	}

	public int m145(int x) {
		return x + 145;
	}

	public int m146(int x) {
		return x + 146;
	}

	public int m147(int x) {
		return x + 147;
	}

	public int m148(int x) {
		return x + 148;
	}

	public int m149(int x) {
		return x + 149;
	}

	public int m150(int x) {
		return x + 150;
	}

	public int m151(int x) {
		return x + 151;
	}

	public int m152(int x) {
		return x + 152;
	}

	public int m153(int x) {
		return x + 153;
	}

	public int m154(int x) {
		return x + 154;
	}

	public int m155(int x) {
		return x + 155;
	}

	public int m156(int x) {
		return x + 156;
	}

	public int m157(int x) {
		return x + 157;
	}

	public int m158(int x) {
		return x + 158;
	}

	public int m159(int x) {
		return x + 159;
	}

	public int m160(int x) {
		return x + 160;
	}

	public int m161(int x) {
		return x + 161;
	}

	public int m162(int x) {
		return x + 162;
	}

	public int m163(int x) {
		return x + 163;
	}

	public int m164(int x) {
		return x + 164;
	}

	public int m165(int x) {
		return x + 165;
	}

	public int m166(int x) {
		return x + 166;
	}

	public int m167(int x) {
		return x + 167;
	}

	public int m168(int x) {
		return x + 168;
	}

	public int m169(int x) {
		return x + 169;
	}

	public int m170(int x) {
		return x + 170;
	}

	public int m171(int x) {
		return x + 171;
	}

	public int m172(int x) {
		return x + 172;
	}

	public int m173(int x) {
		return x + 173;
	}

	public int m174(int x) {
		return x + 174;
	}

	public int m175(int x) {
		return x + 175;
	}

	public int m176(int x) {
		return x + 176;
	}

	public int m177(int x) {
		return x + 177;
	}

	public int m178(int x) {
		return x + 178;
	}

	public int m179(int x) {
		return x + 179;
	}

	public int m180(int x) {
		return x + 180;
	}

	public int m181(int x) {
		return x + 181;
	}

	public int m182(int x) {
		return x + 182;
	}

	public int m183(int x) {
		return x + 183;
	}

	public int m184(int x) {
		return x + 184;
	}

	public int m185(int x) {
		return x + 185;
	}

	public int m186(int x) {
		return x + 186;
	}

	public int m187(int x) {
		return x + 187;
	}

	public int m188(int x) {
		return x + 188;
	}

	public int m189(int x) {
		return x + 189;
	}

	public int m190(int x) {
		return x + 190;
	}

	public int m191(int x) {
		return x + 191;
	}

	public int m192(int x) {
		return x + 192;
	}

	public int m193(int x) {
		return x + 193;
	}

	public int m194(int x) {
		return x + 194;
	}

	public int m195(int x) {
		return x + 195;
	}

	public int m196(int x) {
		return x + 196;
	}

	public int m197(int x) {
		return x + 197;
	}

	public int m198(int x) {
		return x + 198;
	}

	public int m199(int x) {
		return x + 199;
	}

	public int m200(int x) {
		return x + 200;
	}

}
