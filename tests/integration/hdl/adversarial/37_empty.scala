// expect: compile_error
// top: Empty

   
/* nothing here */
