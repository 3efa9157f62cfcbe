//! `model!`: the one declaration of the model, instantiated twice.
//!
//! The macro engine builds a runbook out of owned values (`String`, `Vec`);
//! a compiled runbook reads it back as `&'static` data borrowed from the
//! literal the macro embedded. Both are generated here from one declaration,
//! with `Str`, `List` and `Opt` standing for the storage: the same field
//! list becomes `owned::X` (with an encoder) and `X` (with a decoder), so a
//! field added to the declaration is written and read in the same place of
//! the data, and there is no second list to keep in step.
//!
//! Enum variants carry their one-byte tag in the declaration; a tag used
//! twice in one enum is a compile error.

/// Returns its first argument: names a tuple variant's binding once per field type.
#[doc(hidden)]
#[macro_export]
macro_rules! __pick {
    ($keep:tt ; $($ignored:tt)*) => {
        $keep
    };
}

/// See the module documentation.
macro_rules! model {
    (
        shared structs {
            $( $(#[$shm:meta])* struct $sh:ident { $( $(#[$shfm:meta])* $shf:ident : $shft:ty ),* $(,)? } )*
        }
        shared enums {
            $( $(#[$sem:meta])* enum $se:ident {
                $( $(#[$svm:meta])* $sv:ident = $stag:literal $( ( $svt:ty ) )?
                   $( { $( $(#[$svfm:meta])* $svf:ident : $svft:ty ),* $(,)? } )? ),* $(,)?
            } )*
        }
        stored structs {
            $( $(#[$sm:meta])* struct $s:ident { $( $(#[$fm:meta])* $f:ident : $ft:ty ),* $(,)? } )*
        }
        // Structs of optional prose keyed by field name: the source writes
        // `<field> "text"`, so the parser and lowering take their keys from
        // here and a new field needs no syntax of its own.
        stored prose structs {
            $( $(#[$pm:meta])* struct $p:ident<T> { $( $(#[$pfm:meta])* $pf:ident ),* $(,)? } )*
        }
        // Types whose codec needs the data read so far: written by hand in `codec`.
        stored contextual structs {
            $( $(#[$cm:meta])* struct $c:ident { $( $(#[$cfm:meta])* $cf:ident : $cft:ty ),* $(,)? } )*
        }
        stored enums {
            $( $(#[$em:meta])* enum $e:ident {
                $( $(#[$vm:meta])* $v:ident = $tag:literal $( ( $vt:ty ) )?
                   $( { $( $(#[$vfm:meta])* $vf:ident : $vft:ty ),* $(,)? } )? ),* $(,)?
            } )*
        }
    ) => {
        // Shared: no strings or lists, so one type serves both sides.
        $(
            $(#[$shm])*
            pub struct $sh { $( $(#[$shfm])* pub $shf: $shft ),* }
            model!(@struct_codec $sh { $( $shf ),* });
            #[cfg(feature = "arbitrary")]
            model!(@struct_gen $sh { $( $shf ),* });
        )*
        $(
            $(#[$sem])*
            pub enum $se { $( $(#[$svm])* $sv $( ( $svt ) )? $( { $( $(#[$svfm])* $svf: $svft ),* } )? ),* }
            model!(@enum_codec $se { $( $sv = $stag $( ( $svt ) )? $( { $( $svf ),* } )? ),* });
            #[cfg(feature = "arbitrary")]
            model!(@enum_gen $se { $( $sv = $stag $( ( $svt ) )? $( { $( $svf ),* } )? ),* });
        )*

        // Prose: one generic struct serves both sides (`Option<String>` and
        // `Option<&'static str>`) and whatever else is kept per field, such
        // as each field's label in an output.
        $(
            $(#[$pm])*
            #[derive(Debug, Clone, Copy, PartialEq, Default)]
            pub struct $p<T> { $( $(#[$pfm])* pub $pf: T ),* }
            impl<T> $p<T> {
                /// Each field's source keyword (its name), in declaration order.
                pub const KEYS: &'static [&'static str] = &[$( stringify!($pf) ),*];
                /// Each field with its keyword, in declaration order: what an
                /// output that shows every one walks.
                pub fn entries(&self) -> impl Iterator<Item = (&'static str, &T)> {
                    [$( (stringify!($pf), &self.$pf) ),*].into_iter()
                }
                /// The field the source keyword `key` names; `None` for a
                /// word that is not one of [`Self::KEYS`].
                pub fn slot(&mut self, key: &str) -> Option<&mut T> {
                    match key {
                        $( stringify!($pf) => Some(&mut self.$pf), )*
                        _ => None,
                    }
                }
            }
            impl<T: $crate::codec::Encode> $crate::codec::Encode for $p<T> {
                fn encode(&self, w: &mut $crate::codec::Writer) {
                    $( $crate::codec::Encode::encode(&self.$pf, w); )*
                }
            }
            impl<T: $crate::codec::Decode> $crate::codec::Decode for $p<T> {
                fn decode(r: &mut $crate::codec::Reader) -> Self {
                    $p { $( $pf: $crate::codec::Decode::decode(r) ),* }
                }
            }
            #[cfg(feature = "arbitrary")]
            impl<T: $crate::arbitrary::Arbitrary> $crate::arbitrary::Arbitrary for $p<T> {
                fn arbitrary(g: &mut $crate::arbitrary::Gen) -> Self {
                    $p { $( $pf: g.field(concat!(stringify!($p), ".", stringify!($pf))) ),* }
                }
            }
        )*

        /// The model as the macro engine builds it: owned strings and lists,
        /// and the encoder that writes it into the embedded data.
        pub mod owned {
            #[allow(unused_imports)]
            use super::*;
            type Str = String;
            type List<T> = Vec<T>;
            type Opt<T> = Option<T>;
            $(
                $(#[$sm])*
                #[derive(Debug, Clone, PartialEq)]
                pub struct $s { $( $(#[$fm])* pub $f: $ft ),* }
                impl $crate::codec::Encode for $s {
                    fn encode(&self, w: &mut $crate::codec::Writer) {
                        $( $crate::codec::Encode::encode(&self.$f, w); )*
                    }
                }
                #[cfg(feature = "arbitrary")]
                model!(@struct_gen $s { $( $f ),* });
            )*
            $(
                $(#[$cm])*
                #[derive(Debug, Clone, PartialEq)]
                pub struct $c { $( $(#[$cfm])* pub $cf: $cft ),* }
            )*
            $(
                $(#[$em])*
                #[derive(Debug, Clone, PartialEq)]
                pub enum $e { $( $(#[$vm])* $v $( ( $vt ) )? $( { $( $(#[$vfm])* $vf: $vft ),* } )? ),* }
                model!(@enum_encode $e { $( $v = $tag $( ( $vt ) )? $( { $( $vf ),* } )? ),* });
                #[cfg(feature = "arbitrary")]
                model!(@enum_gen $e { $( $v = $tag $( ( $vt ) )? $( { $( $vf ),* } )? ),* });
            )*
        }

        /// The model as a compiled runbook holds it: `&'static` data, read
        /// back from the embedded data by the decoder.
        mod borrowed {
            #[allow(unused_imports)]
            use super::*;
            type Str = &'static str;
            type List<T> = &'static [T];
            type Opt<T> = Option<T>;
            $(
                $(#[$sm])*
                #[derive(Debug, Clone, Copy, PartialEq)]
                pub struct $s { $( $(#[$fm])* pub $f: $ft ),* }
                impl $crate::codec::Decode for $s {
                    fn decode(r: &mut $crate::codec::Reader) -> Self {
                        $s { $( $f: $crate::codec::Decode::decode(r) ),* }
                    }
                }
            )*
            $(
                $(#[$cm])*
                #[derive(Debug, Clone, Copy, PartialEq)]
                pub struct $c { $( $(#[$cfm])* pub $cf: $cft ),* }
            )*
            $(
                $(#[$em])*
                #[derive(Debug, Clone, Copy, PartialEq)]
                pub enum $e { $( $(#[$vm])* $v $( ( $vt ) )? $( { $( $(#[$vfm])* $vf: $vft ),* } )? ),* }
                model!(@enum_decode $e { $( $v = $tag $( ( $vt ) )? $( { $( $vf ),* } )? ),* });
            )*
        }
        pub use borrowed::*;

        /// Every enum of the model and its variants' tags, for the round-trip
        /// test's check that it generated every variant.
        pub const ENUM_TAGS: &[(&str, &[u8])] =
            &[$( (stringify!($se), $se::TAGS), )* $( (stringify!($e), owned::$e::TAGS), )*];
    };

    (@struct_codec $s:ident { $( $f:ident ),* }) => {
        impl $crate::codec::Encode for $s {
            fn encode(&self, w: &mut $crate::codec::Writer) {
                $( $crate::codec::Encode::encode(&self.$f, w); )*
            }
        }
        impl $crate::codec::Decode for $s {
            fn decode(r: &mut $crate::codec::Reader) -> Self {
                $s { $( $f: $crate::codec::Decode::decode(r) ),* }
            }
        }
    };

    (@struct_gen $s:ident { $( $f:ident ),* }) => {
        impl $crate::arbitrary::Arbitrary for $s {
            #[allow(unused_variables)]
            fn arbitrary(g: &mut $crate::arbitrary::Gen) -> Self {
                $s { $( $f: g.field(concat!(stringify!($s), ".", stringify!($f))) ),* }
            }
        }
    };

    (@enum_codec $e:ident { $( $v:ident = $tag:literal $( ( $vt:ty ) )? $( { $( $vf:ident ),* } )? ),* }) => {
        model!(@enum_encode $e { $( $v = $tag $( ( $vt ) )? $( { $( $vf ),* } )? ),* });
        model!(@enum_decode $e { $( $v = $tag $( ( $vt ) )? $( { $( $vf ),* } )? ),* });
    };

    (@enum_encode $e:ident { $( $v:ident = $tag:literal $( ( $vt:ty ) )? $( { $( $vf:ident ),* } )? ),* }) => {
        impl $e {
            /// Every variant's tag in the data, in declaration order.
            pub const TAGS: &'static [u8] = &[$( $tag ),*];
        }
        const _: () = $crate::codec::distinct_tags(stringify!($e), $e::TAGS);
        impl $crate::codec::Encode for $e {
            fn encode(&self, w: &mut $crate::codec::Writer) {
                match self {
                    $( $e::$v $( ( $crate::__pick!(__0 ; $vt) ) )? $( { $( $vf ),* } )? => {
                        w.tag($tag);
                        $( $crate::codec::Encode::encode($crate::__pick!(__0 ; $vt), w); )?
                        $( $( $crate::codec::Encode::encode($vf, w); )* )?
                    } )*
                }
            }
        }
    };

    (@enum_decode $e:ident { $( $v:ident = $tag:literal $( ( $vt:ty ) )? $( { $( $vf:ident ),* } )? ),* }) => {
        impl $crate::codec::Decode for $e {
            fn decode(r: &mut $crate::codec::Reader) -> Self {
                match r.tag() {
                    $( $tag => $e::$v
                        $( ( $crate::__pick!({ $crate::codec::Decode::decode(r) } ; $vt) ) )?
                        $( { $( $vf: $crate::codec::Decode::decode(r) ),* } )?, )*
                    _ => r.fail(concat!("a tag of ", stringify!($e))),
                }
            }
        }
    };

    (@enum_gen $e:ident { $( $v:ident = $tag:literal $( ( $vt:ty ) )? $( { $( $vf:ident ),* } )? ),* }) => {
        impl $crate::arbitrary::Arbitrary for $e {
            fn arbitrary(g: &mut $crate::arbitrary::Gen) -> Self {
                match g.variant(stringify!($e), &[$( $tag ),*]) {
                    $( $tag => $e::$v
                        $( ( $crate::__pick!({ g.field(concat!(stringify!($e), "::", stringify!($v))) } ; $vt) ) )?
                        $( { $( $vf: g.field(concat!(stringify!($e), "::", stringify!($v), ".", stringify!($vf))) ),* } )?, )*
                    tag => unreachable!("the generator picked a tag of {} it was not given: {tag}", stringify!($e)),
                }
            }
        }
    };
}
